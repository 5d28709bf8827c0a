import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChartRenderer } from '../../src/charts/echarts-renderer.js';
import { createSlackHarness, type SlackHarness } from './harness.js';

const OLIVIA = 'U0OLIVIA1';
const MARIA = 'U0MARIA01';
const ACME = 'C0ACME001';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the weekly digest through the real Bolt adapter, with its chart uploaded as Slack uploads files', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness({ start: '2026-11-16T08:00:00Z', charts: createChartRenderer() });
    h.fake.addUser({ id: OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
    h.fake.addUser({ id: MARIA, name: 'maria', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    await h.run(OLIVIA, ACME, '/obm setup Acme Co');
    await h.run(OLIVIA, ACME, `/obm team add <@${MARIA}|maria> member`);
    await h.run(OLIVIA, ACME, '/metric add Revenue unit € target 10,000');
    await h.run(OLIVIA, ACME, '/metric log Revenue 8,000 for week 46');
    await h.run(OLIVIA, ACME, `/task add Send the report <@${MARIA}|maria> due 2026-11-20 17:00`);
    await h.advanceTo('2026-11-18T10:00:00Z');
    await h.run(OLIVIA, ACME, '/metric log Revenue 9,000');
    await h.run(MARIA, ACME, '/task done 1');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers /digest now privately, and refuses a bad schedule privately', async () => {
    const preview = await h.run(MARIA, ACME, '/digest now');
    expect(preview.responses[0]!.params.response_type).toBe('ephemeral');
    expect(String(preview.responses[0]!.params.text)).toContain('Acme Co · weekly digest, week 46 (9–15 Nov)');
    const refused = await h.run(OLIVIA, ACME, '/digest schedule someday');
    expect(refused.responses[0]!.params.response_type).toBe('ephemeral');
    expect(refused.responses[0]!.params.text).toBe('Say a day and a time, like /digest schedule monday 09:00.');
  });

  it('posts Monday 09:00 Amsterdam in the channel, the chart uploaded through files.getUploadURLExternal and shared with it', async () => {
    h.fake.clear();
    const before = h.fake.posted.length;
    await h.advanceTo('2026-11-23T08:00:00Z');
    await h.deliver();
    const inChannel = h.fake.posted.slice(before).filter((post) => post.channel === ACME);
    const digest = inChannel.find((post) => !post.files && post.text.startsWith('Acme Co · weekly digest, week 47 (16–22 Nov)'));
    expect(digest?.text).toContain('Revenue: €9,000 (+12.5% vs €8,000) · 90% of target €10,000');
    expect(digest?.text).toContain('Maria: #1 Send the report');
    const shared = inChannel.flatMap((post) => post.files ?? []);
    expect(shared.map((file) => file.name)).toEqual(['digest-2026-w47.png']);
    expect(Buffer.from(shared[0]!.bytes!).subarray(0, 8)).toEqual(PNG);
    expect(shared[0]!.altText).toMatch(/^The last 8 weeks of /);
    // One upload for the channel; the other is the preview's chart, which went to Maria's DM.
    expect(h.fake.callsTo('files.completeUploadExternal').map((call) => call.params.channel_id === ACME)).toEqual([false, true]);
    expect(h.fake.callsTo('files.getUploadURLExternal').map((call) => call.params.filename)).toEqual(['digest-2026-w46.png', 'digest-2026-w47.png']);
  });
});
