import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordMessageText } from '../../adapters/discord/discord.render.js';
import { createChartRenderer } from '../../src/charts/echarts-renderer.js';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, createDiscordHarness, MARIA, OLIVIA, type DiscordHarness } from './harness.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testDatabases())('the weekly digest through discord.js on $driver, its chart an attachment the embed shows', ({ open }) => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ handle: await open(), start: '2026-11-16T08:00:00Z', charts: createChartRenderer() });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co', zone: 'Europe/Amsterdam' });
    await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: MARIA.id, role: 'member' });
    await h.command(OLIVIA, ACME_CHANNEL, '/metric add', { name: 'Revenue', unit: '€', target: '10,000' });
    await h.command(OLIVIA, ACME_CHANNEL, '/metric log', { name: 'Revenue', value: '8,000', period: 'week 46' });
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the report', assignee: MARIA.id, due: '2026-11-20 17:00' });
    await h.advanceTo('2026-11-18T10:00:00Z');
    await h.command(OLIVIA, ACME_CHANNEL, '/metric log', { name: 'Revenue', value: '9,000' });
    await h.command(MARIA, ACME_CHANNEL, '/task done', { number: 1 });
  });
  afterAll(async () => {
    await h?.close();
    await h?.handle.close();
  });

  it('answers /digest now ephemerally and /digest schedule with a clear sentence for a bad moment', async () => {
    const preview = await h.command(MARIA, ACME_CHANNEL, '/digest now', {});
    expect(preview.answer.ephemeral).toBe(true);
    expect(preview.answer.text).toContain('Acme Co · weekly digest, week 46 (9–15 Nov)');
    const refused = await h.command(OLIVIA, ACME_CHANNEL, '/digest schedule', { moment: 'someday' });
    expect(refused.answer.ephemeral).toBe(true);
    expect(refused.answer.text).toBe('Say a day and a time, like /digest schedule monday 09:00.');
  });

  it('posts Monday 09:00 Amsterdam in the channel with the PNG attached and shown by the embed', async () => {
    const before = new Set(h.fake.messages.keys());
    await h.advanceTo('2026-11-23T08:00:00Z');
    await h.deliver();
    const digests = [...h.fake.messages.values()].filter((message) => !before.has(message.id) && message.channel_id === ACME_CHANNEL && discordMessageText(message).includes('weekly digest, week 47'));
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(discordMessageText(digest!)).toContain('Revenue: €9,000 (+12.5% vs €8,000) · 90% of target €10,000');
    expect(digest!.attachments?.map((file) => file.filename)).toEqual(['digest-2026-w47.png']);
    expect(Buffer.from(digest!.attachments![0]!.bytes).subarray(0, 8)).toEqual(PNG);
    expect(digest!.embeds.some((embed: { image?: { url?: string } }) => embed.image?.url === 'attachment://digest-2026-w47.png')).toBe(true);
  });
});
