import { asc, count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricValueHistory, metricValues, metrics } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sanne: { displayName: 'Sanne', zone: 'Europe/Amsterdam' },
  outsider: { displayName: 'Outsider' },
};

describe.each(testDatabases())('/metric on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const counts = async () => ({
    metrics: (await handle.db.select({ n: count() }).from(metrics))[0]!.n,
    values: (await handle.db.select({ n: count() }).from(metricValues))[0]!.n,
    history: (await handle.db.select({ n: count() }).from(metricValueHistory))[0]!.n,
  });
  const say = async (person: string, line: string, channel = 'acme') => replyText(await h.run(person, channel, line));

  beforeEach(async () => {
    handle = await open();
    // Friday 27 Nov 2026, 10:00 in Amsterdam (week 48).
    h = await createHarness({ handle, start: '2026-11-27T09:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    await h.setupTeam({ channel: 'jansen', client: 'Bakkerij Jansen', manager: 'olivia', members: { sanne: 'member' } });
    await h.run('olivia', 'jansen', '/obm setup language nl');
  });
  afterEach(async () => handle.close());

  it('adds a metric with its unit, target, direction, cadence and owner, and says so in the channel', async () => {
    const reply = await h.run('olivia', 'acme', '/metric add Revenue unit € target 10,000 higher is better weekly owner @maria');
    expect(visibility(reply)).toBe('channel');
    expect(replyText(reply)).toBe('Added metric Revenue (unit €, weekly, higher is better, target €10,000, logged by Maria). Log it with /metric log Revenue <value>.');
    const [row] = await handle.db.select().from(metrics);
    expect(row).toMatchObject({ name: 'Revenue', unit: '€', target: 10000, direction: 'higher', cadence: 'weekly' });
    expect(await say('olivia', '/metric add Refunds unit $ lower is better monthly')).toBe('Added metric Refunds (unit $, monthly, lower is better). Log it with /metric log Refunds <value>.');
  });

  it('refuses a bad add in one sentence and stores nothing', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue unit €');
    const before = await counts();
    expect(await say('olivia', '/metric add revenue')).toBe('There already is a metric called revenue here.');
    expect(await say('olivia', '/metric add Leads target abc1')).toBe('The target “abc1” is not a number. Write it like 1,234.50.');
    expect(await say('olivia', '/metric add tasks-done')).toBe('tasks-done is a built-in metric: pick another name.');
    expect(await say('olivia', '/metric add 1234')).toBe('“1234” cannot be a metric name: use words, e.g. Revenue or List size.');
    expect(await say('olivia', '/metric add Leads owner @outsider')).toBe('Outsider is not on this team: add them with /obm team add first.');
    expect(await say('olivia', '/metric add Leads unit verylongunitname')).toBe('A unit has at most 12 characters, e.g. €, %, count or leads.');
    expect(await say('maria', '/metric add Leads')).toMatch(/manager/i);
    expect(await counts()).toEqual(before);
    // The same name is free again in another team.
    expect(await say('olivia', '/metric add Revenue', 'jansen')).toMatch(/^Cijfer Revenue toegevoegd/);
  });

  it('logs values in English number formats, for this week, a past week or a date, and refuses the future', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue unit € owner @maria');
    expect(await say('olivia', '/metric log Revenue 1,234.50')).toBe('Revenue for week 48 (23–29 Nov): €1,234.50.');
    expect(await say('olivia', '/metric log Revenue 1.234 for last week')).toBe('Revenue for week 47 (16–22 Nov): €1.23.');
    expect(await say('olivia', '/metric log Revenue 980 for week 45')).toBe('Revenue for week 45 (2–8 Nov): €980.');
    expect(await say('olivia', '/metric log Revenue 1,000 for 12 nov')).toBe('Revenue for week 46 (9–15 Nov): €1,000.');
    const before = await counts();
    expect(await say('olivia', '/metric log Revenue 5 for next week')).toBe('week 49 (30 Nov–6 Dec) has not started yet: log values for this period or earlier ones.');
    expect(await say('olivia', '/metric log Revenue abc')).toBe('“abc” is not a number. Write it like 1,234.50.');
    expect(await say('olivia', '/metric log Revenue')).toBe('Which value? /metric log Revenue 1234.');
    expect(await say('olivia', '/metric log Profit 12')).toBe('There is no metric called Profit here. See /metric list.');
    expect(await say('olivia', '/metric log tasks-done 12')).toBe('tasks-done is built in: I compute it from tasks and standups, so it cannot be logged or removed.');
    expect(await say('olivia', '/metric log Revenue 12 for someday')).toBe('I can’t tell which week or month “someday” is. Try last week, week 48, november or 27 nov.');
    expect(await say('jo', '/metric log Revenue 12')).toBe('Only managers and whoever logs Revenue can log its values.');
    expect(await counts()).toEqual(before);
    // The owner logs, although only a member.
    expect(await say('maria', '/metric log revenue 1500')).toBe('Revenue for week 48 (23–29 Nov): €1,500 (was €1,234.50).');
  });

  it('replaces a period’s value when logged again and keeps every value in the history', async () => {
    await h.run('olivia', 'acme', '/metric add Leads');
    await h.run('olivia', 'acme', '/metric log Leads 10');
    h.clock.advanceTo(new Date('2026-11-27T12:00:00Z'));
    expect(await say('olivia', '/metric log Leads 12')).toBe('Leads for week 48 (23–29 Nov): 12 (was 10).');
    expect(await say('olivia', '/metric log Leads 14 for this week')).toBe('Leads for week 48 (23–29 Nov): 14 (was 12).');
    const values = await handle.db.select().from(metricValues);
    expect(values.map((row) => [row.period, row.value])).toEqual([['2026-W48', 14]]);
    const history = await handle.db.select().from(metricValueHistory).orderBy(asc(metricValueHistory.id));
    expect(history.map((row) => [row.period, row.value, row.previous])).toEqual([
      ['2026-W48', 10, null],
      ['2026-W48', 12, 10],
      ['2026-W48', 14, 12],
    ]);
    expect(history[1]!.loggedAt.toISOString()).toBe('2026-11-27T12:00:00.000Z');
  });

  it('speaks Dutch in a Dutch team: Dutch keywords and Dutch number formats', async () => {
    expect(await say('olivia', '/metric add Omzet eenheid € doel 12.500 lager is beter maandelijks eigenaar @sanne', 'jansen')).toBe(
      'Cijfer Omzet toegevoegd (eenheid €, maandelijks, lager is beter, doel € 12.500, gelogd door Sanne). Log het met /metric log Omzet <waarde>.',
    );
    expect(await say('sanne', '/metric log Omzet 1.234,50', 'jansen')).toBe('Omzet voor nov 2026: € 1.234,50.');
    expect(await say('sanne', '/metric log Omzet 1.234 voor vorige maand', 'jansen')).toBe('Omzet voor okt 2026: € 1.234.');
    expect(await say('sanne', '/metric log Omzet 7,5 voor september', 'jansen')).toBe('Omzet voor sep 2026: € 7,50.');
    expect(await say('sanne', '/metric log Omzet abc', 'jansen')).toBe('“abc” is geen getal. Schrijf het als 1.234,50.');
    expect(await say('sanne', '/metric log Omzet 5 voor december', 'jansen')).toBe('Omzet voor dec 2025: € 5.');
  });

  it('shows the last 8 periods with a sparkline and the change, built-ins too, and lists both', async () => {
    await h.run('olivia', 'acme', '/metric add Revenue unit € target 2000 owner @maria');
    for (const [week, value] of [['41', '800'], ['42', '1000'], ['44', '1200'], ['45', '900'], ['46', '1000'], ['47', '1600']] as const) await h.run('olivia', 'acme', `/metric log Revenue ${value} for week ${week}`);
    await h.run('olivia', 'acme', '/metric log Revenue 1,500');
    const reply = await h.run('jo', 'acme', '/metric show revenue');
    expect(visibility(reply)).toBe('ephemeral');
    expect(replyText(reply)).toBe(
      [
        'Revenue (unit €, weekly, higher is better, target €2,000, logged by Maria)',
        'Trend: ▁▃ ▅▂▃█▇',
        'W41  €800',
        'W42  €1,000  +25%',
        'W43  –',
        'W44  €1,200',
        'W45  €900  -25%',
        'W46  €1,000  +11.1%',
        'W47  €1,600  +60%',
        'W48  €1,500  -6.3%',
        '75% of target €2,000',
      ].join('\n'),
    );
    await h.run('olivia', 'acme', '/task add Call the bank @maria');
    await h.run('maria', 'acme', '/task done 1');
    expect(await say('jo', '/metric show tasks-done')).toBe(['tasks-done: Tasks done (built in, weekly)', 'Trend: ▁▁▁▁▁▁▁█', 'W41  0', 'W42  0', 'W43  0', 'W44  0', 'W45  0', 'W46  0', 'W47  0', 'W48  1'].join('\n'));
    const list = await say('jo', '/metric list');
    expect(list.split('\n').slice(0, 2)).toEqual(['Metrics of Acme Co', 'Revenue: €1,500 week 48 (23–29 Nov) (-6.3%) · weekly · Maria logs it']);
    expect(list).toContain('Built in (this week so far):\ntasks-done: 1 (Tasks done)\ntasks-created: 1 (Tasks created)\noverdue-now: 0 (Overdue tasks)\non-time-rate: – (Done on time)');
    expect(await say('jo', '/metric show Profit')).toBe('There is no metric called Profit here. See /metric list.');
  });

  it('removes a metric: gone from the list, its name free, its values kept', async () => {
    await h.run('olivia', 'acme', '/metric add Leads');
    await h.run('olivia', 'acme', '/metric log Leads 3');
    expect(await say('maria', '/metric remove Leads')).toMatch(/manager/i);
    expect(await say('olivia', '/metric remove tasks-done')).toBe('tasks-done is built in: I compute it from tasks and standups, so it cannot be logged or removed.');
    expect(await say('olivia', '/metric remove leads')).toBe('Removed metric Leads. Its values stay in the history.');
    expect(await say('olivia', '/metric show Leads')).toBe('There is no metric called Leads here. See /metric list.');
    expect(await say('olivia', '/metric list')).toContain('No metrics of your own yet.');
    expect((await counts()).values).toBe(1);
    expect(await say('olivia', '/metric add Leads')).toMatch(/^Added metric Leads/);
  });
});
