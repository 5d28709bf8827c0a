import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/ports.js';
import { createSlackDirectory, userInfoOf, type SlackUser, type UsersClient } from './slack.directory.js';

const fakeUsers = (users: Record<string, SlackUser>) => {
  const asked: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.push(user);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (!users[user]) throw Object.assign(new Error('An API error occurred: user_not_found'), { data: { error: 'user_not_found' } });
        return { ok: true, user: users[user] };
      },
    },
  } as unknown as UsersClient;
  return { client, asked };
};

describe('the Slack user directory', () => {
  it('names people as Slack does and keeps their IANA zone', () => {
    expect(userInfoOf({ id: 'U1', name: 'maria', real_name: 'Maria Santos', tz: 'Asia/Manila', profile: { display_name: 'Maria', real_name: 'Maria Santos' } })).toEqual({ userId: 'U1', displayName: 'Maria', zone: 'Asia/Manila' });
    expect(userInfoOf({ id: 'U2', name: 'jo', profile: { display_name: ' ', real_name: 'Jo Smith' } })).toEqual({ userId: 'U2', displayName: 'Jo Smith' });
    expect(userInfoOf({ id: 'U3', name: 'helper', is_bot: true })).toEqual({ userId: 'U3', displayName: 'helper', isBot: true });
  });

  it('asks users.info once per person and workspace, once even when asked twice at the same moment', async () => {
    const { client, asked } = fakeUsers({ U1: { id: 'U1', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' } });
    const directory = createSlackDirectory({ logger: silentLogger });
    const people = directory.forTeam('T1', client);
    const [first, second] = await Promise.all([people.lookup('U1'), people.lookup('U1')]);
    expect(first).toEqual({ userId: 'U1', displayName: 'Maria', zone: 'Asia/Manila' });
    expect(second).toEqual(first);
    await people.lookup('U1');
    expect(asked).toEqual(['U1']);
    await directory.forTeam('T2', client).lookup('U1');
    expect(asked).toEqual(['U1', 'U1']);
  });

  it('user_change replaces the cached person; an unknown user is null and not cached', async () => {
    const { client, asked } = fakeUsers({ U1: { id: 'U1', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' } });
    const directory = createSlackDirectory({ logger: silentLogger });
    const people = directory.forTeam('T1', client);
    await people.lookup('U1');
    directory.update('T1', { id: 'U1', profile: { display_name: 'Maria S.' }, tz: 'Europe/Madrid' });
    expect(await people.lookup('U1')).toEqual({ userId: 'U1', displayName: 'Maria S.', zone: 'Europe/Madrid' });
    expect(await people.lookup('U404')).toBeNull();
    expect(await people.lookup('U404')).toBeNull();
    expect(asked).toEqual(['U1', 'U404', 'U404']);
  });

  it('asks again after the time to live, and forgets a workspace', async () => {
    let now = 0;
    const { client, asked } = fakeUsers({ U1: { id: 'U1', name: 'maria' } });
    const directory = createSlackDirectory({ logger: silentLogger, ttlMs: 1_000, now: () => now });
    const people = directory.forTeam('T1', client);
    await people.lookup('U1');
    now = 999;
    await people.lookup('U1');
    now = 1_000;
    await people.lookup('U1');
    directory.forget('T1');
    await people.lookup('U1');
    expect(asked).toEqual(['U1', 'U1', 'U1']);
  });
});
