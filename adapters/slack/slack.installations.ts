import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { WorkspaceSecrets } from '../../src/core/ports.js';

/*
 * The one adapter file that touches the database: Bolt's InstallationStore is a storage interface, and an
 * installation is a row of `workspaces` (platform 'slack', the team id as external id). The whole
 * Installation (bot token, bot ids, scopes) is kept AES-256-GCM encrypted in `bot_token_encrypted`.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * `v1.<iv>.<tag>.<ciphertext>`, base64url. The workspace id is authenticated data, so a ciphertext copied
 * onto another workspace's row does not decrypt there.
 */
export const encryptSecret = (plain: string, key: Buffer, context: string): string => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), encrypted].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
};

export const decryptSecret = (sealed: string, key: Buffer, context: string): string => {
  const [version, iv, tag, encrypted] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || encrypted === undefined) throw new Error('not a Righthand secret (unknown format)');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64url')), decipher.final()]).toString('utf8');
};

/** An org-wide install is keyed by its enterprise id, any other by its team id. */
const externalIdOf = (query: { isEnterpriseInstall?: boolean; teamId?: string | undefined; enterpriseId?: string | undefined }): string => {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) throw new Error('Slack installation query without a team or enterprise id');
  return id;
};

const contextOf = (externalId: string) => `slack:${externalId}`;

export class InstallationNotFoundError extends Error {
  override name = 'InstallationNotFoundError';
}

/** Bolt's InstallationStore over the workspace secrets store; `key` is RIGHTHAND_SECRET_KEY (32 bytes). */
export const createInstallationStore = ({ secrets, key }: { secrets: WorkspaceSecrets; key: Buffer }): InstallationStore => {
  if (key.length !== 32) throw new Error('the installation store needs a 32-byte key');

  return {
    async storeInstallation(installation) {
      const externalId = externalIdOf({ isEnterpriseInstall: installation.isEnterpriseInstall ?? false, teamId: installation.team?.id, enterpriseId: installation.enterprise?.id });
      const name = (installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? '';
      await secrets.save({ platform: 'slack', externalId, name, sealed: encryptSecret(JSON.stringify(installation), key, contextOf(externalId)) });
    },

    async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
      const externalId = externalIdOf(query);
      const sealed = await secrets.load({ platform: 'slack', externalId });
      if (!sealed) throw new InstallationNotFoundError(`Righthand is not installed in Slack workspace ${externalId}`);
      return JSON.parse(decryptSecret(sealed, key, contextOf(externalId))) as Installation;
    },

    /**
     * Forgets the installation (its token), not the workspace: the teams, people and tasks stay, so a
     * reinstall picks up where the workspace left off.
     */
    async deleteInstallation(query) {
      await secrets.clear({ platform: 'slack', externalId: externalIdOf(query) });
    },
  };
};
