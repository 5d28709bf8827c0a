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
