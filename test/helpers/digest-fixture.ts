import { eq } from 'drizzle-orm';
import { people, standupAnswers, standupRuns, standups, teams } from '../../src/db/schema/index.js';
import type { Harness } from './bot-harness.js';

export const AMS = 'Europe/Amsterdam';
export const DIGEST_PEOPLE = {
  olivia: { displayName: 'Olivia', zone: AMS },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  bea: { displayName: 'Bea', zone: AMS },
};

/**
 * Acme Co in Amsterdam, set up on Monday 16 Nov 2026 (week 47) through the commands as a team would; the
 * digest of Monday 23 Nov 09:00 reports week 47 (16-22 Nov). By hand:
 * - Revenue €8,000 (wk 46) -> €9,000 (wk 47): +12.5%, 90% of the €10,000 target; Leads 40 -> 30: -25%.
 * - 5 tasks created in week 47 (none before); done in it, on time: Maria #1 and #2, Jo #3; #4 (Maria, due
 *   Thu 19 Nov 17:00 her time in Manila, 10:00 in Amsterdam) is overdue; #5 for Bea, the owner, is due
 *   Tue 24 Nov 12:00: a deadline in the next 7 days and what waits on her.
 * - Jo's standup answer of Fri 20 Nov names a blocker nobody has resolved.
 * - a class on Wed 25 Nov 15:00.
 */
export const seedDigestFixture = async (h: Harness, { dutch = false }: { dutch?: boolean } = {}) => {
  await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member', bea: 'owner' } });
  if (dutch) await h.run('olivia', 'acme', '/obm setup language nl');
  const say = (user: string, line: string) => h.run(user, 'acme', line);
  await say('olivia', dutch ? '/metric add Omzet eenheid € doel 10.000' : '/metric add Revenue unit € target 10,000');
  await say('olivia', '/metric add Leads');
  await say('olivia', dutch ? '/metric log Omzet 8.000 voor week 46' : '/metric log Revenue 8,000 for week 46');
  await say('olivia', dutch ? '/metric log Leads 40 voor week 46' : '/metric log Leads 40 for week 46');
  await say('olivia', '/task add Write the launch email @maria due 2026-11-20 17:00');
  await say('olivia', '/task add Book the podcast guest @maria due 2026-11-20 17:00');
  await say('olivia', '/task add Update the sales page @jo due 2026-11-20 17:00');
  await say('olivia', '/task add Fix the checkout @maria due 2026-11-19 17:00');
  await say('olivia', '/task add Approve the ad budget @bea due 2026-11-24 12:00');
  await say('olivia', '/training add Funnel basics 2026-11-25 15:00 for 60 minutes');
  await h.advanceTo('2026-11-18T10:00:00Z');
  await say('olivia', dutch ? '/metric log Omzet 9.000' : '/metric log Revenue 9,000');
  await say('olivia', '/metric log Leads 30');
  await say('maria', '/task done 1');
  await say('maria', '/task done 2');
  await say('jo', '/task done 3');
  const db = h.db;
  const [team] = await db.select().from(teams);
  const [jo] = await db.select().from(people).where(eq(people.platformUserId, 'jo'));
  const [standup] = await db.insert(standups).values({ teamId: team!.id, number: 1, time: 9 * 60, deadline: 12 * 60, questions: [{ text: 'Blockers?', kind: 'text', blocker: true }] }).returning();
  const [run] = await db.insert(standupRuns).values({ standupId: standup!.id, localDate: '2026-11-20' }).returning();
  await db.insert(standupAnswers).values({ runId: run!.id, personId: jo!.id, status: 'answered', questions: [], blocker: 'No access to Shopify', deadlineAt: new Date('2026-11-20T11:00:00Z') });
  h.recorder.clear();
  return { teamId: team!.id };
};
