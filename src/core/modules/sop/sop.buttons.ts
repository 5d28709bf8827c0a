import { defineTeamAction, type TeamOf } from '../../commands.js';
import { botError } from '../../errors.js';
import { compose, textMessage } from '../../messages.js';
import { readRowId } from '../../row-id.js';
import { sopName } from './sop.links.js';
import { getSopForUpdate, openReadTasks } from './sop.repository.js';
import { markRead } from './sop.usecases.js';

/** The SOP's team; the row lock serialises two clicks, so the second finds the read stored. */
const teamOfSop: TeamOf = async (value, db) => {
  const sopId = readRowId(value);
  return sopId === null ? null : ((await getSopForUpdate({ db, sopId }))?.teamId ?? null);
};

/** "I've read it", on a reading task's DM, a new version's DM and `/sop show`: the version of the moment is stored. */
const readButton = defineTeamAction({
  actionId: 'sop.read',
  teamOf: teamOfSop,
  run: async (value, ctx) => {
    const sop = (await getSopForUpdate({ db: ctx.db, sopId: readRowId(value)! }))!;
    if (sop.removedAt) throw botError('sops.not_found', { sop: `#${sop.number}` });
    // Someone given the reading before they were on the team may still say they read it.
    if (!ctx.role && (await openReadTasks({ db: ctx.db, sopId: sop.id, personIds: [ctx.actor.id] })).length === 0) throw botError('sops.not_on_team', { team: ctx.team.clientName });
    const result = await markRead({ db: ctx.db, now: ctx.now, team: ctx.team, actor: { person: ctx.actor, role: ctx.role ?? 'member' }, sop });
    const done = result.closed.map((task) => ctx.t('sops.read_task_done', { number: task.number }));
    const notice = [ctx.t(result.fresh ? 'sops.read_noted' : 'sops.read_already', { sop: sopName(sop) }), ...done].join(' ');
    return { kind: 'update', message: compose([{ type: 'text', text: ctx.t('sops.read_state', { sop: sopName(sop), url: sop.url }) }]), notice: textMessage(notice) };
  },
});

export const sopActions = [readButton];
