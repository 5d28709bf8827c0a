import { botError } from '../../errors.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { addTask } from '../tasks/tasks.usecases.js';
import { assignmentMessage } from '../tasks/tasks.messages.js';
import { taskAssigned } from '../tasks/tasks.notices.js';
import { dmAboutTaskTo } from '../tasks/tasks.notify.js';
import { answerWithContext, getAnswerForUpdate, updateAnswer } from './standups.repository.js';
import { viewOf, type StandupDeps } from './standups.usecases.js';
import type { PersonRow, Role, TeamRow } from '../../identity.js';

// ---- blockers become tasks

/**
 * A manager turns a blocker into a task, once; the answer keeps the task's id, the task's title says where it
 * came from. `team` is the standup's (the bot found it from the answer), `role` the actor's role there. The
 * assignee hears it as any new task: about `task:<id>`, re-checked and written again when it goes.
 */
export const blockerToTask = async ({ db, now, team, role, answerId, actor, title, assignee, dueText }: StandupDeps & { team: TeamRow; role: Role | null; answerId: number; actor: PersonRow; title: string; assignee: PersonRow; dueText?: string }) => {
  const found = await answerWithContext({ db, answerId });
  if (!found || found.standup.teamId !== team.id || !found.answer.blocker) throw botError('bot.unknown_action');
  if (role !== 'manager') throw botError('standups.managers_only_task');
  const answer = (await getAnswerForUpdate({ db, answerId }))!;
  if (answer.blockerTaskId !== null) throw botError('standups.already_task', { person: found.person.displayName });
  const added = await addTask({ db, now, team, actor: { person: actor, role }, input: { title, assignees: [assignee], ...(dueText ? { dueText } : {}) } });
  await updateAnswer({ db, answerId, changes: { blockerTaskId: added.task.id }, now });
  for (const person of added.assignees) {
    if (person.id === actor.id) continue;
    const message = assignmentMessage({ task: added.task, assigner: actor, team, view: viewOf(person, team, now) });
    const check = taskAssigned.spec({ taskId: added.task.id, assignerId: actor.id, missed: null });
    await dmAboutTaskTo({ db, now, team, task: added.task, person, message, dedupeKey: `dm:${person.id}:task:${added.task.id}:assigned:standup-blocker`, check });
  }
  return { ...found, team, answer: { ...answer, blockerTaskId: added.task.id }, added };
};

export const blockerTitle = (blocker: string, locale: Locale) => {
  const title = t(locale, 'standups.task_title', { blocker: blocker.replace(/\s+/g, ' ') });
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
};
