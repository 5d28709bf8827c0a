import { eq, sql } from 'drizzle-orm';
import { compose } from '../../../src/core/messages.js';
import { upsertPerson, upsertWorkspace } from '../../../src/core/modules/people/people.repository.js';
import { setMembership, upsertTeam } from '../../../src/core/modules/teams/teams.repository.js';
import { enqueueDelivery } from '../../../src/core/deliveries.js';
import type { Platform } from '../../../src/core/ports.js';
import type { Db } from '../../../src/db/database.js';
import { deliveries, jobs } from '../../../src/db/schema/index.js';

export const seedWorkspace = ({ db, platform, externalId }: { db: Db; platform: Platform; externalId: string }) => upsertWorkspace({ db, platform, externalId, name: externalId });

/** A team in `channel` with the given managers and members (platform user ids). */
export const seedTeam = async ({ db, workspaceId, channel, managers, members }: { db: Db; workspaceId: number; channel: string; managers: string[]; members: string[] }) => {
  const { team } = await upsertTeam({ db, workspaceId, channelId: channel, clientName: `Client ${channel}`, zone: 'Europe/Amsterdam', locale: 'en' });
  const people: Record<string, Awaited<ReturnType<typeof upsertPerson>>> = {};
  for (const [userId, role] of [...managers.map((id) => [id, 'manager'] as const), ...members.map((id) => [id, 'member'] as const)]) {
    const person = await upsertPerson({ db, workspaceId, user: { userId, displayName: userId[0]!.toUpperCase() + userId.slice(1) } });
    await setMembership({ db, teamId: team.id, personId: person.id, role });
    people[userId] = person;
  }
  return { team, people };
};

export const enqueueText = ({ db, workspaceId, channel, text, at, key }: { db: Db; workspaceId: number; channel: string; text: string; at: Date; key?: string }) =>
  enqueueDelivery({ db, workspaceId, target: { kind: 'channel', channelId: channel }, message: compose([{ type: 'text', text }]), dedupeKey: key ?? `${workspaceId}:${channel}:${text}`, notBefore: at });

export const enqueueDm = ({ db, workspaceId, person, text, at }: { db: Db; workspaceId: number; person: { id: number; platformUserId: string }; text: string; at: Date }) =>
  enqueueDelivery({ db, workspaceId, target: { kind: 'dm', personId: person.id, userId: person.platformUserId }, message: compose([{ type: 'text', text }]), dedupeKey: `dm:${person.id}:${text}`, notBefore: at });

/** Inserts `count` note jobs due at `runAt`, in a few statements. */
export const insertNoteJobs = async ({ db, count, workspaceId, runAt, channels }: { db: Db; count: number; workspaceId: number; runAt: Date; channels: number }) => {
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, index) => {
      const n = start + index;
      return { kind: 'test.note', runAt, payload: { n, workspaceId, channel: `c${n % channels}` }, dedupeKey: `test-note:${n}` };
    });
    await db.insert(jobs).values(rows);
  }
};

export const statusCounts = async (db: Db, table: typeof jobs | typeof deliveries) => {
  const rows = await db.select({ status: table.status, count: sql<number>`count(*)::int` }).from(table).groupBy(table.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.count])) as Record<string, number>;
};

export const deliveryRow = async (db: Db, id: number) => (await db.select().from(deliveries).where(eq(deliveries.id, id)))[0]!;
