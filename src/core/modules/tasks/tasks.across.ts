import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { CommandContext } from '../../commands.js';
import type { Db } from '../../../db/database.js';
import { memberships, taskAssignees, tasks, teams, workspaces } from '../../../db/schema/index.js';
import { botError } from '../../errors.js';
import { ephemeral, type Reply } from '../../invocation.js';
import { compose, type Block } from '../../messages.js';
import type { View } from '../../view.js';
import { linkedPersonIds } from '../portfolio/portfolio.links.repository.js';
import { workspaceLabel } from '../portfolio/portfolio.places.js';
import { taskButtons, taskLine } from './tasks.messages.js';
import { withPeople, type TaskRow } from './tasks.repository.js';

// Buttons under each task: a Slack message holds 50 blocks, so a list with buttons stops well before.
const ACROSS_LIMIT = 20;

type Across = { kind: 'mine'; personIds: number[] } | { kind: 'overdue'; personIds: number[]; now: Date };

/**
 * Open tasks across every team of every identity the person linked: assigned to any of them (`mine`), or
 * overdue in the teams any of them manages (`overdue`). Overdue and soonest due first.
 */
const tasksAcross = async ({ db, across }: { db: Db; across: Across }) => {
  const where =
    across.kind === 'mine'
      ? inArray(tasks.id, db.select({ id: taskAssignees.taskId }).from(taskAssignees).where(inArray(taskAssignees.personId, across.personIds)))
      : and(
          inArray(tasks.teamId, db.select({ id: memberships.teamId }).from(memberships).where(and(inArray(memberships.personId, across.personIds), eq(memberships.role, 'manager')))),
          isNotNull(tasks.dueAt),
          lt(tasks.dueAt, across.now),
        );
  return db
    .select({ task: tasks, team: teams, platform: workspaces.platform, workspaceName: workspaces.name })
    .from(tasks)
    .innerJoin(teams, eq(teams.id, tasks.teamId))
    .innerJoin(workspaces, eq(workspaces.id, teams.workspaceId))
    .where(and(eq(tasks.status, 'open'), where))
    .orderBy(sql`${tasks.dueAt} asc nulls last`, asc(tasks.id))
    .limit(ACROSS_LIMIT + 1);
};

const isManagerAnywhere = async (db: Db, personIds: number[]) =>
  (await db.select({ teamId: memberships.teamId }).from(memberships).where(and(inArray(memberships.personId, personIds), eq(memberships.role, 'manager'))).limit(1)).length > 0;

/**
 * `/task list` in a DM with the bot: the person's open tasks across all clients, grouped by client, each with
 * its buttons (a click acts on the task in its own team, as the linked identity there); `overdue` for managers.
 */
export const listAcross = async (ctx: CommandContext, filter: 'mine' | 'overdue'): Promise<Reply> => {
  const personIds = await linkedPersonIds({ db: ctx.db, personId: ctx.actor.id });
  if (filter === 'overdue' && !(await isManagerAnywhere(ctx.db, personIds))) throw botError('tasks.across_not_manager');
  const rows = await tasksAcross({ db: ctx.db, across: filter === 'mine' ? { kind: 'mine', personIds } : { kind: 'overdue', personIds, now: ctx.now } });
  const shown = rows.slice(0, ACROSS_LIMIT);
  const full = await withPeople({ db: ctx.db, rows: shown.map((row) => row.task as TaskRow) });
  const view: View = { locale: ctx.locale, zone: ctx.actor.zone ?? 'UTC', now: ctx.now };
  const blocks: Block[] = [{ type: 'header', text: ctx.t(filter === 'mine' ? 'tasks.across_title' : 'tasks.across_title_overdue') }];
  if (shown.length === 0) blocks.push({ type: 'text', text: ctx.t(filter === 'mine' ? 'tasks.across_empty' : 'tasks.list_empty_overdue') });
  // Grouped by client in the order their first task comes: the most urgent client first.
  const order = [...new Set(shown.map((row) => row.team.id))];
  for (const teamId of order) {
    const first = shown.find((row) => row.team.id === teamId)!;
    blocks.push({ type: 'context', text: `${first.team.clientName} · ${workspaceLabel(first.platform, first.workspaceName, ctx.locale)}` });
    for (const [index, row] of shown.entries()) {
      if (row.team.id !== teamId) continue;
      blocks.push({ type: 'text', text: taskLine(full[index]!, view) }, taskButtons(row.task as TaskRow, view.locale));
    }
  }
  if (rows.length > ACROSS_LIMIT) blocks.push({ type: 'context', text: ctx.t('tasks.list_more', { count: ACROSS_LIMIT }) });
  blocks.push({ type: 'context', text: ctx.t('tasks.across_footer', { zone: view.zone }) });
  return ephemeral(compose(blocks));
};
