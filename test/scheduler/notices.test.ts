import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { arrivalOf, enqueueDm } from '../../src/core/deliveries.js';
import type { PersonRow, TeamRow } from '../../src/core/identity.js';
import { textMessage } from '../../src/core/messages.js';
import { defineNoticeCheck, type NoticeMeta } from '../../src/core/notices.js';
import { silentLogger } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { absences, deliveries, people, teams } from '../../src/db/schema/index.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { createRecordingPort } from '../fakes/recording-chat-port.js';
import { testDatabases } from '../helpers/database.js';
import { seedTeam, seedWorkspace } from './support/fixtures.js';

// Wednesday 2 Dec 2026, 02:00 in Manila (UTC+8, no DST): Maria's night. Her day is 09:00-17:00.
const NIGHT = new Date('2026-12-01T18:00:00Z');
const at = (manilaTime: string) => new Date(`2026-12-02T${manilaTime}:00+08:00`);

/** A test module's re-check: the message is true while the team keeps the client name it was written for. */
const clientNamed = defineNoticeCheck({
  name: 'test.client_named',
  args: z.object({ name: z.string(), lateAfter: z.string().optional() }),
  check: async ({ name, lateAfter }, { team, now }) => {
    if (team.clientName !== name) return { fresh: false, reason: 'renamed' };
    return lateAfter && now > new Date(lateAfter) ? { fresh: true, message: textMessage(`late since ${lateAfter}`) } : { fresh: true };
  },
});

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
});

describe.each(testDatabases())('the notice discipline in the outbox on $driver', ({ open }) => {
  const setUp = async () => {
    const handle = await open();
    handles.push(handle);
    const db = handle.db;
    const clock = createControllableClock({ start: NIGHT, frozen: true });
    const recorder = createRecordingPort('console', () => clock.now());
    const bot = createBot({ db, clock, logger: silentLogger, modules: [{ notices: [clientNamed.check] }], jobs: [] });
    const scheduler = createScheduler({ db, bot, clock, logger: silentLogger, ports: new Map([['console', recorder.port]]) });
    const workspace = await seedWorkspace({ db, platform: 'console', externalId: 'demo' });
    const seeded = await seedTeam({ db, workspaceId: workspace.id, channel: 'acme', managers: ['olga'], members: ['maria'] });
    const [maria] = await db.update(people).set({ zone: 'Asia/Manila' }).where(eq(people.id, seeded.people.maria!.id)).returning();
    const team = seeded.team;
    let n = 0;
    const dm = (text: string, notice: Omit<NoticeMeta, 'teamId'>, who: PersonRow = maria!, on: TeamRow = team) =>
      enqueueDm({ db, person: who, team: on, message: textMessage(text), dedupeKey: `test:${++n}`, notBefore: clock.now(), notice });
    const runAt = async (moment: Date) => {
      clock.advanceTo(moment);
      await scheduler.runDue(moment);
    };
    const rows = async () => db.select().from(deliveries).orderBy(deliveries.id);
    return { db, clock, recorder, dm, runAt, rows, maria: maria!, team };
  };

  it('holds a DM queued in the night until the recipient starts work, and tells the sender when', async () => {
    const { db, recorder, dm, runAt, maria, team } = await setUp();
    expect(await arrivalOf({ db, person: maria, team, now: NIGHT })).toEqual(at('09:00'));
    await dm('New task for you', { subject: 'task:1', nature: 'news' });
    await runAt(NIGHT);
    await runAt(at('08:59'));
    expect(recorder.sent).toEqual([]);
    await runAt(at('09:00'));
    expect(recorder.sent.map((sent) => [sent.text, sent.at])).toEqual([['New task for you', at('09:00')]]);
  });

  it('sends an urgent DM at once, past one held for the morning', async () => {
    const { db, recorder, dm, runAt, maria, team } = await setUp();
    expect(await arrivalOf({ db, person: maria, team, now: NIGHT, urgent: true })).toBeNull();
    await dm('Weekly report', { subject: 'task:1', nature: 'news' });
    await dm('Server down, please restart', { subject: 'task:2', nature: 'news', urgent: true });
    await runAt(NIGHT);
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['Server down, please restart']);
    await runAt(at('09:00'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['Server down, please restart', 'Weekly report']);
  });

  it('re-checks a message when it falls due: what is no longer true is superseded, never sent', async () => {
    const { db, recorder, dm, runAt, rows, team } = await setUp();
    await dm('About Acme', { subject: 'task:1', nature: 'news', check: clientNamed.spec({ name: team.clientName }) });
    await dm('Still about Acme', { subject: 'task:2', nature: 'news', check: clientNamed.spec({ name: team.clientName }) });
    await runAt(at('08:00'));
    await db.update(teams).set({ clientName: 'Acme Ltd' }).where(eq(teams.id, team.id));
    await runAt(at('09:00'));
    expect(recorder.sent).toEqual([]);
    expect((await rows()).map((row) => [row.status, row.droppedReason])).toEqual([
      ['superseded', 'renamed'],
      ['superseded', 'renamed'],
    ]);
  });

  it('re-words a message that goes late, from its re-check', async () => {
    const { recorder, dm, runAt, team } = await setUp();
    await dm('Due now', { subject: 'task:1', nature: 'nudge', check: clientNamed.spec({ name: team.clientName, lateAfter: at('02:05').toISOString() }) });
    await runAt(at('09:00'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual([`late since ${at('02:05').toISOString()}`]);
  });

  it('drops a nudge to someone who became away, and holds news for their return', async () => {
    const { db, recorder, dm, runAt, rows, maria } = await setUp();
    await dm('Reminder: report due', { subject: 'task:1', nature: 'nudge' });
    await dm('You were assigned #2', { subject: 'task:2', nature: 'news' });
    await db.insert(absences).values({ personId: maria.id, fromDate: '2026-12-02', toDate: '2026-12-02', reason: 'sick' });
    await runAt(at('09:00'));
    expect(recorder.sent).toEqual([]);
    expect((await rows()).map((row) => [row.status, row.droppedReason])).toEqual([
      ['superseded', 'recipient_away'],
      ['pending', null],
    ]);
    await runAt(new Date('2026-12-03T01:00:00Z'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['You were assigned #2']);
  });

  it('sends at most one nudge per subject and person within the window, and news always', async () => {
    const { recorder, dm, runAt, rows } = await setUp();
    await runAt(at('10:00'));
    await dm('Reminder: due 17:00', { subject: 'task:1', nature: 'nudge', rank: 1 });
    await runAt(at('10:00'));
    await dm('Today: due 17:00', { subject: 'task:1', nature: 'nudge', rank: 2 });
    await dm('Another task', { subject: 'task:2', nature: 'nudge', rank: 2 });
    await runAt(at('11:30'));
    await dm('Reassigned to you', { subject: 'task:1', nature: 'news' });
    await runAt(at('11:45'));
    await runAt(at('14:00'));
    await dm('Due now', { subject: 'task:1', nature: 'nudge', rank: 3 });
    await runAt(at('14:00'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['Reminder: due 17:00', 'Another task', 'Reassigned to you', 'Due now']);
    expect((await rows()).filter((row) => row.status === 'superseded').map((row) => [row.message.text, row.droppedReason])).toEqual([['Today: due 17:00', 'window']]);
  });

  it('lets the most relevant of two nudges due together go', async () => {
    const { recorder, dm, runAt } = await setUp();
    await dm('#1 is due now', { subject: 'task:1', nature: 'nudge', rank: 3 });
    await dm('#1 was due at 17:00, still open?', { subject: 'task:1', nature: 'nudge', rank: 4 });
    await runAt(at('09:00'));
    await runAt(at('09:01'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['#1 was due at 17:00, still open?']);
  });

  it('follows the team’s window setting', async () => {
    const { db, recorder, dm, runAt, team } = await setUp();
    await db.update(teams).set({ noticeWindowMinutes: 30 }).where(eq(teams.id, team.id));
    await runAt(at('10:00'));
    await dm('First', { subject: 'task:1', nature: 'nudge' });
    await runAt(at('10:00'));
    await runAt(at('10:40'));
    await dm('Second', { subject: 'task:1', nature: 'nudge' });
    await runAt(at('10:40'));
    expect(recorder.sent.map((sent) => sent.text)).toEqual(['First', 'Second']);
  });
});
