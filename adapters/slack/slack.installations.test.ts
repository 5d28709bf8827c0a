import { createWorkspaceSecrets } from '../../src/db/workspace-secrets.js';
import type { Installation } from '@slack/oauth';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { testDatabases } from '../../test/helpers/database.js';
import { createInstallationStore, decryptSecret, encryptSecret, InstallationNotFoundError } from './slack.installations.js';

const key = Buffer.alloc(32, 1);
const installation = (team: string, token: string): Installation => ({
  team: { id: team, name: `Team ${team}` },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: 'U0INSTALL1' },
  bot: { token, scopes: ['commands', 'chat:write'], id: 'B1', userId: 'U0BOT' },
  appId: 'A1',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});
/** Rows on either driver: PGlite answers `{ rows }`, postgres.js an array. */
const rowsOf = async <T>(handle: DatabaseHandle, statement: SQL): Promise<T[]> => {
  const result = (await handle.db.execute(statement)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
};
const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false as const });

describe('secrets at rest (AES-256-GCM)', () => {
  it('round-trips, with a fresh IV each time', () => {
    const sealed = encryptSecret('xoxb-secret', key, 'slack:T1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('xoxb');
    expect(encryptSecret('xoxb-secret', key, 'slack:T1')).not.toBe(sealed);
    expect(decryptSecret(sealed, key, 'slack:T1')).toBe('xoxb-secret');
  });

  it('refuses another key, another workspace’s row, and a flipped byte', () => {
    const sealed = encryptSecret('xoxb-secret', key, 'slack:T1');
    expect(() => decryptSecret(sealed, Buffer.alloc(32, 2), 'slack:T1')).toThrow();
    expect(() => decryptSecret(sealed, key, 'slack:T2')).toThrow();
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0]! ^= 1;
    expect(() => decryptSecret([version, iv, tag, flipped.toString('base64url')].join('.'), key, 'slack:T1')).toThrow();
    expect(() => decryptSecret('plain-token', key, 'slack:T1')).toThrow(/unknown format/);
  });
});

describe.each(testDatabases())('the installation store on the workspaces table ($driver)', (database) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('stores, fetches, replaces on reinstall, and deletes only the installation', async () => {
    const store = createInstallationStore({ secrets: createWorkspaceSecrets({ db: handle.db }), key });
    await store.storeInstallation(installation('T1', 'xoxb-one'));
    await store.storeInstallation(installation('T2', 'xoxb-two'));
    expect((await store.fetchInstallation(query('T1'))).bot?.token).toBe('xoxb-one');
    await store.storeInstallation(installation('T1', 'xoxb-one-again'));
    expect((await store.fetchInstallation(query('T1'))).bot?.token).toBe('xoxb-one-again');

    const rows = await rowsOf<{ external_id: string; name: string; bot_token_encrypted: string }>(handle, sql`select external_id, name, bot_token_encrypted from workspaces where platform = 'slack' order by external_id`);
    expect(rows.map((row) => [row.external_id, row.name])).toEqual([['T1', 'Team T1'], ['T2', 'Team T2']]);
    expect(rows.every((row) => !row.bot_token_encrypted.includes('xoxb'))).toBe(true);

    await store.deleteInstallation!(query('T1'));
    await expect(store.fetchInstallation(query('T1'))).rejects.toBeInstanceOf(InstallationNotFoundError);
    expect((await store.fetchInstallation(query('T2'))).bot?.token).toBe('xoxb-two');
    expect((await rowsOf<{ n: number }>(handle, sql`select count(*)::int as n from workspaces where platform = 'slack'`))[0]!.n).toBe(2);
  });

  it('another key cannot read them', async () => {
    const other = createInstallationStore({ secrets: createWorkspaceSecrets({ db: handle.db }), key: Buffer.alloc(32, 9) });
    await expect(other.fetchInstallation(query('T2'))).rejects.toThrow();
    expect(() => createInstallationStore({ secrets: createWorkspaceSecrets({ db: handle.db }), key: Buffer.alloc(16) })).toThrow(/32-byte/);
  });
});
