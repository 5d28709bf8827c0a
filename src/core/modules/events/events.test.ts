import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { createHarness, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { mirrorOf, requestMirror, teamIdOf } from '../../../../test/helpers/event-mirrors.js';

/** On a platform without scheduled events (the console here, Slack alike) a mirror is a no-op, recorded as such. */
describe.each(testDatabases())('event mirrors where the platform has no scheduled events, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;

  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T09:00:00Z', people: { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: {} });
  });
  afterEach(async () => {
    await handle.close();
  });

  it('records the mirror as unsupported, sends nothing and fails no job; a cancellation is recorded too', async () => {
    const teamId = await teamIdOf(h.db, 'acme');
    const spec = { name: 'Canva basics', start: new Date('2026-11-25T15:00:00Z'), end: new Date('2026-11-25T16:00:00Z') };
    expect(await requestMirror({ db: h.db, now: h.clock.now(), scheduler: h.scheduler, teamId, subjectKey: 'training:1:a', spec })).toEqual({ mirrorId: expect.any(Number), version: 1 });
    expect(await mirrorOf(h.db, 'training:1:a')).toMatchObject({ status: 'unsupported', externalId: null, appliedVersion: 1, desired: { name: 'Canva basics', location: 'online', description: null } });
    await requestMirror({ db: h.db, now: h.clock.now(), scheduler: h.scheduler, teamId, subjectKey: 'training:1:a', spec: { cancelled: true } });
    expect(await mirrorOf(h.db, 'training:1:a')).toMatchObject({ status: 'unsupported', cancelled: true, version: 2 });
    expect(h.recorder.sent).toHaveLength(0);
  });

  it('does nothing for a cancellation of a subject never mirrored', async () => {
    const teamId = await teamIdOf(h.db, 'acme');
    expect(await requestMirror({ db: h.db, now: h.clock.now(), scheduler: h.scheduler, teamId, subjectKey: 'training:2:a', spec: { cancelled: true } })).toBeNull();
    expect(await mirrorOf(h.db, 'training:2:a')).toBeNull();
  });
});
