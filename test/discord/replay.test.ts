import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, createDiscordHarness, OLIVIA, waitFor, type DiscordHarness } from './harness.js';

/**
 * The Discord payloads recorded from a real server (../shared/conformance/recorded-payloads, from
 * vercel/chat), replayed through the fake gateway to the real discord.js client: interactions as
 * INTERACTION_CREATE, gateway events under their own names. The recordings' guild and channels exist in the
 * fake, as they did on Discord. Two recordings predate fields Discord now sends on every interaction and
 * discord.js 14 requires (`entitlements`, `authorizing_integration_owners`): those are filled in where
 * absent, and nothing else is changed.
 */
const DIR = join(import.meta.dirname, '../../../shared/conformance/recorded-payloads');
type Recorded = Record<string, any>;

const files = ['discord.json', 'channel--discord.json'];
type Entry = { file: string; name: string; kind: 'gateway' | 'interaction'; event: string; payload: Recorded };
const recorded: Entry[] = files.flatMap((file) =>
  Object.entries(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, unknown>).flatMap(([name, value]): Entry[] => {
    if (!value || typeof value !== 'object' || name === 'metadata') return [];
    const payload = value as Recorded;
    if (typeof payload.type === 'string' && payload.type.startsWith('GATEWAY_')) return [{ file, name, kind: 'gateway' as const, event: payload.type.slice('GATEWAY_'.length), payload: payload.data as Recorded }];
    if (typeof payload.type === 'number' && payload.token) return [{ file, name, kind: 'interaction' as const, event: 'INTERACTION_CREATE', payload }];
    return [];
  }),
);

const meta = JSON.parse(readFileSync(join(DIR, 'discord.json'), 'utf8')).metadata as Recorded;
const RECORDED_GUILD = { id: meta.guildId as string, name: 'Recorded Server', channels: [{ id: meta.channelId as string, name: 'general' }, { id: '1459213904352645277', name: 'chat' }], members: [{ user: { id: meta.userId as string, username: meta.userName as string, global_name: 'Test User' } }] };

const withCurrentFields = (payload: Recorded): Recorded => ({
  entitlements: [],
  authorizing_integration_owners: payload.guild_id ? { '0': payload.guild_id } : { '0': '0' },
  app_permissions: '2248473465835073',
  locale: 'en-US',
  ...payload,
});

describe('recorded Discord payloads, replayed through the gateway to the real discord.js client', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ guilds: [ACME, RECORDED_GUILD] });
    // Olivia, the probe's sender, has used Righthand in Acme: her DMs are about Acme.
    await h.command(OLIVIA, ACME.channels[0]!.id, '/obm help');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('finds the recordings (an empty list would pass vacuously)', () => {
    expect(recorded.filter((entry) => entry.kind === 'interaction').length).toBeGreaterThanOrEqual(6);
    expect(recorded.filter((entry) => entry.kind === 'gateway').length).toBeGreaterThanOrEqual(10);
  });

  it.each(recorded.map((entry) => [`${entry.file} ${entry.name}`, entry] as const))('%s', async (_label, { kind, event, payload }) => {
    const before = h.handled.length;
    if (kind === 'gateway') {
      // Channel messages, reactions and threads are not for Righthand (it reads DMs only): a DM sent after
      // them is the only thing handled.
      h.fake.dispatch(event, payload);
      const probe = await h.dm(OLIVIA, 'probe');
      expect(h.handled.slice(before).map((entry) => entry.invocation.input)).toEqual([{ kind: 'message', text: 'probe' }]);
      expect(probe.handled).toHaveLength(1);
      return;
    }
    const interaction = withCurrentFields(payload);
    const record = h.fake.expectInteraction({ id: interaction.id, token: interaction.token, channelId: interaction.channel_id, ...(interaction.message?.id ? { messageId: interaction.message.id } : {}) });
    h.fake.dispatch('INTERACTION_CREATE', interaction);
    await waitFor(() => record.callbacks.length > 0, 'the answer');
    await h.adapter.idle();
    // Another app's buttons: unknown to Righthand, which says so to the person alone.
    expect(record.callbacks[0]!.type).toBe(4);
    expect(record.callbacks[0]!.data.flags & 64).toBe(64);
    const handled = h.handled.slice(before);
    if (interaction.guild_id) {
      expect(handled).toHaveLength(1);
      const { invocation } = handled[0]!;
      expect(invocation).toMatchObject({ platform: 'discord', workspace: { externalId: interaction.guild_id }, actor: { userId: interaction.member.user.id }, input: { kind: 'action', actionId: interaction.data.custom_id, value: '' } });
      // A button in a thread counts for the thread's channel.
      expect(invocation.channel).toEqual({ id: interaction.channel.parent_id ?? interaction.channel_id, isDm: false });
    } else {
      // A DM click of a button that names no server: the server is the one this person last used Righthand
      // in (the recorded server, by the clicks replayed before).
      expect(handled).toHaveLength(1);
      expect(handled[0]!.invocation).toMatchObject({ workspace: { externalId: RECORDED_GUILD.id }, channel: { id: interaction.channel_id, isDm: true }, actor: { userId: interaction.user.id }, input: { kind: 'action', actionId: interaction.data.custom_id } });
    }
  });
});
