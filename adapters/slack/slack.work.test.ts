import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports.js';
import { createWorkQueue } from './slack.work.js';

const recordingLogger = () => {
  const errors: Record<string, unknown>[] = [];
  const logger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (fields) => void errors.push(fields) };
  return { logger, errors };
};

/** Lets queued promise callbacks run (no timing involved). */
const flush = () => new Promise((resolve) => setImmediate(resolve));

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
};

describe('the work after the ack', () => {
  it('limits the limited part to `concurrency` calls at once, the others waiting in arrival order', async () => {
    const queue = createWorkQueue({ concurrency: 2, logger: recordingLogger().logger });
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    gates.forEach((item, index) =>
      queue.run(`job ${index}`, () =>
        queue.limit(async () => {
          started.push(index);
          most = Math.max(most, ++running);
          await item.opened;
          running--;
        }),
      ),
    );
    await flush();
    expect(started).toEqual([0, 1]);
    gates[1]!.open();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    for (const item of gates) item.open();
    await queue.idle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('does not limit the rest of the work (waiting on Slack)', async () => {
    const queue = createWorkQueue({ concurrency: 1, logger: recordingLogger().logger });
    const slack = gate();
    let waitingOnSlack = 0;
    for (let index = 0; index < 3; index++) {
      queue.run('reply', async () => {
        waitingOnSlack++;
        await slack.opened;
      });
    }
    await flush();
    expect(waitingOnSlack).toBe(3);
    slack.open();
    await queue.idle();
  });

  /** `count` jobs in the limited part, each held until its gate opens; `started` lists them as they start. */
  const heldJobs = (queue: ReturnType<typeof createWorkQueue>, count: number) => {
    const gates = Array.from({ length: count }, gate);
    const started: number[] = [];
    gates.forEach((item, index) =>
      queue.run(`job ${index}`, () =>
        queue.limit(async () => {
          started.push(index);
          await item.opened;
        }),
      ),
    );
    return { gates, started };
  };

  /** A clock and timers that move only when told: `advance` runs what falls due, in order. */
  const fakeTime = () => {
    let clock = 0;
    const timers: { at: number; callback: () => void }[] = [];
    return {
      now: () => clock,
      setTimer: (callback: () => void, ms: number) => void timers.push({ at: clock + ms, callback }),
      advance: async (ms: number) => {
        const until = clock + ms;
        for (let next = timers.sort((x, y) => x.at - y.at)[0]; next && next.at <= until; next = timers.sort((x, y) => x.at - y.at)[0]) {
          timers.shift();
          clock = next.at;
          next.callback();
          await flush();
        }
        clock = until;
        await flush();
      },
    };
  };

  const queueWithTime = (concurrency: number) => {
    const time = fakeTime();
    const queue = createWorkQueue({ concurrency, logger: recordingLogger().logger, maxDeferMs: 2_000, quietMs: 10, now: time.now, setTimer: time.setTimer });
    return { queue, time };
  };

  it('starts no new work while a request waits for its ack, nor until the HTTP side has been quiet for quietMs', async () => {
    const { queue, time } = queueWithTime(3);
    const answered = queue.awaitingAck();
    const { gates, started } = heldJobs(queue, 4);
    await time.advance(500);
    expect(started).toEqual([]);
    answered();
    await time.advance(9);
    expect(started).toEqual([]);
    // Another request within the quiet period starts it again.
    queue.awaitingAck()();
    await time.advance(9);
    expect(started).toEqual([]);
    await time.advance(1);
    expect(started).toEqual([0, 1, 2]);
    // A slot freed while it is quiet goes to the next in line at once.
    gates[0]!.open();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const item of gates) item.open();
    await queue.idle();
  });

  it('waits for every pending ack, and counts each answer once (finish and close both report it)', async () => {
    const { queue, time } = queueWithTime(2);
    const first = queue.awaitingAck();
    const second = queue.awaitingAck();
    const { gates, started } = heldJobs(queue, 2);
    first();
    first();
    await time.advance(100);
    expect(started).toEqual([]);
    second();
    await time.advance(10);
    expect(started).toEqual([0, 1]);
    for (const item of gates) item.open();
    await queue.idle();
  });

  it('holds work back for at most maxDeferMs: then it starts as slots free, acks pending or not, in arrival order', async () => {
    const { queue, time } = queueWithTime(2);
    queue.awaitingAck();
    const early = heldJobs(queue, 3);
    await time.advance(1_000);
    const late = heldJobs(queue, 1);
    await time.advance(999);
    expect(early.started).toEqual([]);
    await time.advance(1);
    // The first three have waited 2 s: two slots, so two start; the third goes when one of them is done.
    expect(early.started).toEqual([0, 1]);
    early.gates[0]!.open();
    await flush();
    expect(early.started).toEqual([0, 1, 2]);
    // The late one has waited 1 s only: it waits for the ack, or for its own 2 s.
    early.gates[1]!.open();
    await time.advance(999);
    expect(late.started).toEqual([]);
    await time.advance(1);
    expect(late.started).toEqual([0]);
    for (const item of [...early.gates, ...late.gates]) item.open();
    await queue.idle();
  });

  it('logs failed work and carries on; idle waits for everything started', async () => {
    const { logger, errors } = recordingLogger();
    const queue = createWorkQueue({ concurrency: 1, logger });
    let ran = false;
    queue.run('boom', () =>
      queue.limit(async () => {
        throw new Error('boom');
      }),
    );
    queue.run('next', () =>
      queue.limit(async () => {
        ran = true;
      }),
    );
    await queue.idle();
    expect(ran).toBe(true);
    expect(errors).toEqual([{ what: 'boom', err: 'boom' }]);
    await expect(createWorkQueue({ concurrency: 1, logger }).idle()).resolves.toBeUndefined();
  });
});
