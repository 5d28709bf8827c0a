import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, createDiscordHarness, MARIA, OLIVIA, type DiscordHarness } from './harness.js';

describe.each(testDatabases())('/metric through INTERACTION_CREATE on $driver', ({ open }) => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ handle: await open() });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: MARIA.id, role: 'member' });
  });
  afterAll(async () => {
    await h?.close();
    await h?.handle.close();
  });

  it('adds a metric from typed options (choices and a USER option), logs it and shows it', async () => {
    const added = await h.command(OLIVIA, ACME_CHANNEL, '/metric add', { name: 'Refunds', unit: '€', target: '500', better: 'lower', cadence: 'monthly', owner: MARIA.id });
    expect(added.handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/metric', text: 'add', options: { name: 'Refunds', unit: '€', target: '500', better: 'lower', cadence: 'monthly', owner: MARIA.id } });
    expect(added.answer.ephemeral).toBe(false);
    expect(added.answer.text).toContain('Added metric Refunds (unit €, monthly, lower is better, target €500, logged by Maria (VA))');
    expect(await h.rows(sql`select name, unit, target, direction, cadence from metrics`)).toEqual([{ name: 'Refunds', unit: '€', target: 500, direction: 'lower', cadence: 'monthly' }]);

    const logged = await h.command(MARIA, ACME_CHANNEL, '/metric log', { name: 'refunds', value: '1,234.50' });
    expect(logged.answer.text).toMatch(/^Refunds for \w+ \d{4}: €1,234\.50\.$/);
    const refused = await h.command(MARIA, ACME_CHANNEL, '/metric log', { name: 'Refunds', value: 'abc' });
    expect(refused.answer.ephemeral).toBe(true);
    expect(refused.answer.text).toBe('“abc” is not a number. Write it like 1,234.50.');
    expect(await h.rows(sql`select value from metric_value_history`)).toEqual([{ value: 1234.5 }]);

    const shown = await h.command(MARIA, ACME_CHANNEL, '/metric show', { name: 'Refunds' });
    expect(shown.answer.ephemeral).toBe(true);
    expect(shown.answer.text).toContain('Trend:');
    expect(shown.answer.text).toContain('€1,234.50');
  });
});
