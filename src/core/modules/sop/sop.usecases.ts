import type { Db } from '../../../db/database.js';
import { enqueueDm } from '../../deliveries.js';
import { botError } from '../../errors.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { zoneOf } from '../../view.js';
import { getPeople } from '../people/people.repository.js';
import { addTask, cancelTask, completeTask, type Actor } from '../tasks/tasks.usecases.js';
import type { TaskRow } from '../tasks/tasks.repository.js';
import { assignmentDm, changedDm } from './sop.messages.js';
import { sopAssigned, sopChanged } from './sop.notices.js';
import { allOpenReadTasks, getSopByNumber, getSopForUpdate, insertSop, insertVersion, linkTask, nextSopNumber, openReadTasks, readersOf, recordRead, updateSop, type SopRow } from './sop.repository.js';

export interface SopDeps {
  db: Db;
  now: Date;
}

export const findSop = async ({ db, team, number }: { db: Db; team: TeamRow; number: number }): Promise<SopRow> => {
  const sop = await getSopByNumber({ db, teamId: team.id, number });
  if (!sop) throw botError('sops.not_found', { sop: `#${number}` });
  return sop;
};

/** Tags are one word each, lower case, without their `#`, each once. */
const cleanTags = (tags: readonly string[]) => [...new Set(tags.map((tag) => tag.replace(/^#/, '').toLowerCase()).filter(Boolean))];

export const addSop = async ({ db, now, team, actor, title, url, tags }: SopDeps & { team: TeamRow; actor: PersonRow; title: string; url: string; tags: readonly string[] }): Promise<SopRow> => {
  const number = await nextSopNumber({ db, teamId: team.id });
  const sop = await insertSop({ db, values: { teamId: team.id, number, title, url, tags: cleanTags(tags), creatorId: actor.id, createdAt: now, updatedAt: now } });
  await insertVersion({ db, values: { sopId: sop.id, version: 1, url, note: '', authorId: actor.id, createdAt: now } });
  return sop;
};

/**
 * A new version: the history keeps the old link and says what changed. Whoever read an older version hears
 * of it, one DM each per version (news, in their working time), dropped when sent if they read it meanwhile
 * or a newer version came: that one's DM says it.
 */
export const newVersion = async ({ db, now, team, actor, sop, url, note }: SopDeps & { team: TeamRow; actor: PersonRow; sop: SopRow; url: string; note: string }) => {
  const locked = (await getSopForUpdate({ db, sopId: sop.id }))!;
  const version = locked.version + 1;
  const updated = await updateSop({ db, sopId: sop.id, changes: { url, version, updatedAt: now } });
  await insertVersion({ db, values: { sopId: sop.id, version, url, note, authorId: actor.id, createdAt: now } });
  const readers = (await readersOf({ db, sopId: sop.id })).filter((reader) => reader.personId !== actor.id);
  const people = await getPeople({ db, ids: readers.map((reader) => reader.personId) });
  for (const person of people) {
    await enqueueDm({
      db,
      person,
      team,
      message: changedDm({ sop: updated, note, team, view: { locale: team.locale, zone: zoneOf(person, team), now } }),
      dedupeKey: `dm:${person.id}:sop:${sop.id}:v${version}`,
      notBefore: now,
      notice: { subject: `sop:${sop.id}`, nature: 'news', check: sopChanged.spec({ sopId: sop.id, version }) },
    });
  }
  return { sop: updated, told: people };
};

/** Out of the handbook: nobody is left asked to read it (its open reading tasks are cancelled). */
export const removeSop = async ({ db, now, actor, sop }: SopDeps & { actor: Actor; sop: SopRow }) => {
  const removed = await updateSop({ db, sopId: sop.id, changes: { removedAt: now, updatedAt: now } });
  const open = await allOpenReadTasks({ db, sopId: sop.id });
  for (const task of open) await cancelTask({ db, now, actor, task });
  return { sop: removed, cancelled: open };
};

/** A "Read <title>" task for one person, linked to the SOP (reading it closes the task), with its own DM when `dedupeKey` names one. */
export const giveReadTask = async ({ db, now, team, actor, sop, person, dueAt, dedupeKey }: SopDeps & { team: TeamRow; actor: Actor; sop: SopRow; person: PersonRow; dueAt?: Date; dedupeKey?: string }): Promise<TaskRow> => {
  const { task } = await addTask({ db, now, team, actor, input: { title: readTitle(sop, team), assignees: [person], ...(dueAt ? { dueAt } : {}) } });
  await linkTask({ db, taskId: task.id, sopId: sop.id, purpose: 'read' });
  if (!dedupeKey) return task;
  await enqueueDm({
    db,
    person,
    team,
    message: assignmentDm({ sop, task, assigner: actor.person.displayName, team, view: { locale: team.locale, zone: zoneOf(person, team), now } }),
    dedupeKey,
    notBefore: now,
    notice: { subject: `task:${task.id}`, nature: 'news', check: sopAssigned.spec({ sopId: sop.id, taskId: task.id, assignerId: actor.person.id }) },
  });
  return task;
};

const readTitle = (sop: SopRow, team: TeamRow) => (team.locale === 'nl' ? `Lees ${sop.title}` : `Read ${sop.title}`);

/** `/sop assign`: a reading task for each person who has none open for this SOP yet. */
export const assignSop = async ({ db, now, team, actor, sop, people, invocationId }: SopDeps & { team: TeamRow; actor: Actor; sop: SopRow; people: PersonRow[]; invocationId: string }) => {
  const open = new Set((await openReadTasks({ db, sopId: sop.id, personIds: people.map((person) => person.id) })).map((row) => row.personId));
  const given: { person: PersonRow; task: TaskRow }[] = [];
  const already: PersonRow[] = [];
  for (const person of new Map(people.map((person) => [person.id, person])).values()) {
    if (open.has(person.id)) {
      already.push(person);
      continue;
    }
    const task = await giveReadTask({ db, now, team, actor, sop, person, dedupeKey: `dm:${person.id}:sop:${sop.id}:assigned:${invocationId}` });
    given.push({ person, task });
  }
  return { given, already };
};

/**
 * "I've read it": the read of the version current at the click is stored once, and the reader's open reading
 * tasks of this SOP are done. A second click changes nothing.
 */
export const markRead = async ({ db, now, team, actor, sop }: SopDeps & { team: TeamRow; actor: Actor; sop: SopRow }) => {
  const fresh = await recordRead({ db, sopId: sop.id, personId: actor.person.id, version: sop.version, at: now });
  const tasks = await openReadTasks({ db, sopId: sop.id, personIds: [actor.person.id] });
  const closed: TaskRow[] = [];
  for (const { task } of tasks) {
    const done = await completeTask({ db, now, team, actor, task });
    closed.push(done.task);
  }
  return { fresh, closed };
};
