import { and, eq } from 'drizzle-orm';
import type { WorkspaceSecrets } from '../core/ports.js';
import type { Database } from './database.js';
import { workspaces } from './schema/index.js';

/** The `WorkspaceSecrets` port on the `workspaces` row's `bot_token_encrypted`: only ciphertext passes through. */
export const createWorkspaceSecrets = ({ db }: { db: Database }): WorkspaceSecrets => {
  const byId = (platform: 'slack' | 'discord', externalId: string) => and(eq(workspaces.platform, platform), eq(workspaces.externalId, externalId));
  return {
    async save({ platform, externalId, name, sealed }) {
      await db
        .insert(workspaces)
        .values({ platform, externalId, name, botTokenEncrypted: sealed })
        .onConflictDoUpdate({ target: [workspaces.platform, workspaces.externalId], set: { botTokenEncrypted: sealed, ...(name ? { name } : {}) } });
    },
    async load({ platform, externalId }) {
      const [row] = await db.select({ sealed: workspaces.botTokenEncrypted }).from(workspaces).where(byId(platform, externalId));
      return row?.sealed ?? null;
    },
    async clear({ platform, externalId }) {
      await db.update(workspaces).set({ botTokenEncrypted: null }).where(byId(platform, externalId));
    },
  };
};
