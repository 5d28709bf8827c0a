import { Client, Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordClientOptions, GATEWAY_INTENTS } from '../../adapters/discord/index.js';
import { isShardProcess, recommendedShards } from '../../adapters/discord/discord.shards.js';
import type { DiscordConfig } from '../../src/config.js';
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord, type FakeDiscord } from '../fakes/discord-api.js';
import { ACME, BETA, waitFor } from './harness.js';

/**
 * Sharding itself (child processes spawned by discord.js's ShardingManager) is discord.js's; what is
 * Righthand's is tested here: each shard builds the same client, which takes its shard from the environment
 * the manager gives it and identifies as that shard, and the shard count is Discord's recommendation from
 * the configured API.
 */
describe('sharding (DISCORD_SHARDS=auto)', () => {
  let fake: FakeDiscord;
  let config: DiscordConfig;
  beforeAll(async () => {
    fake = await startFakeDiscord({ guilds: [ACME, BETA] });
    config = { token: BOT_TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, shards: 'auto' };
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('a process is a shard when the ShardingManager gave it SHARDS and SHARD_COUNT', () => {
    expect(isShardProcess({})).toBe(false);
    expect(isShardProcess({ SHARDS: '1', SHARD_COUNT: '2' })).toBe(true);
  });

  it('asks the configured API how many shards Discord recommends', async () => {
    expect(await recommendedShards(config)).toBe(1);
    expect(fake.callsTo('GET', '/gateway/bot').at(-1)!.auth).toBe(`Bot ${BOT_TOKEN}`);
  });

  it('a shard’s client is the adapter’s client, and identifies as the shard the environment names', async () => {
    const saved = { SHARDS: process.env.SHARDS, SHARD_COUNT: process.env.SHARD_COUNT };
    process.env.SHARDS = '1';
    process.env.SHARD_COUNT = '2';
    const client = new Client(discordClientOptions(config, { waitGuildTimeout: 200 }));
    try {
      expect(client.options.shards).toEqual([1]);
      expect(client.options.shardCount).toBe(2);
      expect(client.options.intents.bitfield).toBe(GATEWAY_INTENTS.reduce((sum, bit) => sum | bit, 0));
      const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
      await client.login(BOT_TOKEN);
      await ready;
      const identify = await waitFor(() => fake.identifies.at(-1), 'IDENTIFY');
      expect(identify.shard).toEqual([1, 2]);
      expect(identify.intents).toBe((1 << 0) | (1 << 12));
      // Discord routes a guild to shard (guild_id >> 22) % count; the fake does the same.
      const expected = [ACME, BETA].filter((guild) => Number((BigInt(guild.id) >> 22n) % 2n) === 1).map((guild) => guild.id);
      expect(expected).toEqual([ACME.id]);
      expect([...client.guilds.cache.keys()].sort()).toEqual(expected.sort());
    } finally {
      await client.destroy();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
