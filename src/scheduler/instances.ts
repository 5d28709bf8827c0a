import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { instances } from '../db/schema/index.js';

/**
 * Why a heartbeat and not the lease alone, nor advisory locks: a lease long enough for a slow send (60 s)
 * made every message to a target whose delivery a dead process had claimed wait that long after a restart.
 * A session advisory lock would tell at once that a process is gone, but only on PostgreSQL, only while
 * one connection stays pinned for the process's life, and a dropped connection (a network cut, a
 * PostgreSQL restart) would make a live process look dead. A heartbeat row works on PostgreSQL and PGlite
 * alike and survives reconnects: each instance writes `heartbeat_at = now()` every few seconds while it
 * works, and a 'sending' claim whose instance has not beaten for STALE_AFTER_MS is due again, for
 * anyone. Both sides use the database's clock, so hosts' clocks never meet.
 * A restart on the same host needs no wait at all: an instance registered with this host name whose
 * process no longer exists (kill -9, then a new start; on PGlite, the only case) is marked silent at
 * start-up, and its claims are due again at once. Jobs it was running (locked_by is the same id) too: their
 * effects commit with them, so running one again is safe. A claim taken over this way may still have reached the platform:
 * the outbox looks it up before sending it again (in_doubt_since, see outbox.ts).
 */
export const HEARTBEAT_EVERY_MS = 2_000;
export const STALE_AFTER_MS = 10_000;

/** The process with this pid does not exist on this host (EPERM: it exists, owned by someone else). */
const processGone = (pid: number): boolean => {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
};

// Instances of this process (a test may run several schedulers side by side): alive, whatever their pid says.
const ofThisProcess = new Set<string>();

export interface Instance {
  readonly id: string;
  /** Registers the instance (once) and writes a heartbeat. */
  beat(): Promise<void>;
  /** Keeps beating every HEARTBEAT_EVERY_MS until the returned function is called (nestable). */
  keepAlive(): () => void;
}

export const createInstance = ({ db, id, host, pid, onError }: { db: Database; id: string; host: string; pid: number; onError: (error: unknown) => void }): Instance => {
  let registered = false;
  let holders = 0;
  let timer: NodeJS.Timeout | null = null;

  const register = async () => {
    // Earlier instances on this host whose process is gone, or whose pid we now have without being one of
    // ours (a container restarted as the same pid 1), hold nothing any more.
    ofThisProcess.add(id);
    const here = await db.select({ id: instances.id, pid: instances.pid }).from(instances).where(and(eq(instances.host, host), ne(instances.id, id)));
    for (const other of here) {
      const gone = other.pid === pid ? !ofThisProcess.has(other.id) : processGone(other.pid);
      // Marked silent rather than removed: a job it held names it (jobs.locked_by), and is due again for it.
      if (gone) await db.update(instances).set({ heartbeatAt: sql`to_timestamp(0)` }).where(eq(instances.id, other.id));
    }
    // Instances silent for an hour hold nothing a claim would wait for: forget them.
    await db.delete(instances).where(lt(instances.heartbeatAt, sql`now() - interval '1 hour'`));
    registered = true;
  };

  // An upsert, not an update: should a peer have removed us (silent for an hour, say), we are back.
  const beat = async () => {
    if (!registered) await register();
    await db.insert(instances).values({ id, host, pid }).onConflictDoUpdate({ target: instances.id, set: { heartbeatAt: sql`now()` } });
  };

  return {
    id,
    beat,
    keepAlive() {
      holders += 1;
      timer ??= setInterval(() => void beat().catch(onError), HEARTBEAT_EVERY_MS).unref();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders -= 1;
        if (holders === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
};

/** SQL: the instance is registered and has stopped beating (a job's worker that is not one is left to its lease). */
export const instanceSilent = (id: unknown, staleAfterMs: number) =>
  sql`exists (select 1 from ${instances} where ${instances.id} = ${id} and ${instances.heartbeatAt} <= now() - make_interval(secs => ${staleAfterMs / 1000}))`;

/** SQL: the claim's instance is alive (registered and beating). */
export const instanceAlive = (claimedBy: unknown, staleAfterMs: number) =>
  sql`exists (select 1 from ${instances} where ${instances.id} = ${claimedBy} and ${instances.heartbeatAt} > now() - make_interval(secs => ${staleAfterMs / 1000}))`;
