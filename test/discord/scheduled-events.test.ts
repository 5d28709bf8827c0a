import { eq, sql } from 'drizzle-orm';
import { teams } from '../../src/db/schema/index.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScheduledEventsPort } from '../../src/core/ports.js';
import { ACME_CHANNEL, ACME_GUILD, createDiscordHarness, OLIVIA, setUpAcmeTeam, type DiscordHarness } from './harness.js';
import { mirrorOf, requestMirror, teamIdOf } from '../helpers/event-mirrors.js';
import { testDatabases } from '../helpers/database.js';
import { requestEventMirror } from '../../src/core/modules/events/events.usecases.js';

const sqlFailedJobs = sql`select count(*)::int as n from jobs where status = 'failed'`;

/**
 * Classes mirrored as Discord Guild Scheduled Events: the real core and the real discord.js adapter against
 * the fake Discord's scheduled-event routes (test/fakes/discord-scheduled-events.ts), which check fields as
 * Discord does. The subjects are generic keys, as the trainings module will pass them.
 */
describe.each(testDatabases())('Discord scheduled events mirrored from the core on $driver', ({ open }) => {
  let h: DiscordHarness;
  let teamId: number;
  const at = (iso: string) => new Date(iso);
  const ask = (subjectKey: string, spec: Parameters<typeof requestMirror>[0]['spec']) => requestMirror({ db: h.db, now: h.clock.now(), scheduler: h.scheduler, teamId, subjectKey, spec });
  const events = () => h.fake.scheduledEvents.eventsIn(ACME_GUILD);
  const noticesToOlivia = (text: string) => {
    const dm = h.fake.dmChannelOf(OLIVIA.id);
    return dm ? h.fake.messagesIn(dm).filter((message) => h.text(message).includes(text)) : [];
  };
  const canva = { name: 'Canva basics', description: 'Templates and brand kits.', start: at('2026-11-25T15:00:00Z'), end: at('2026-11-25T16:00:00Z'), location: 'https://meet.example/canva' };

  beforeEach(async () => {
    h = await createDiscordHarness({ handle: await open() });
    h.fake.scheduledEvents.setClock(() => h.clock.now());
    await setUpAcmeTeam(h);
    teamId = await teamIdOf(h.db, ACME_CHANNEL);
    h.fake.clear();
  });
  afterEach(async () => {
    await h.close();
    await h.handle.close();
  });

  it('creates an EXTERNAL event for an occurrence, moves it when the class moves, and cancels it when the class is cancelled', async () => {
    await ask('training:1:a', canva);
    const created = h.fake.callsTo('POST', '/guilds/:guild/scheduled-events');
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toEqual({
      name: 'Canva basics',
      description: 'Templates and brand kits.',
      scheduled_start_time: '2026-11-25T15:00:00.000Z',
      scheduled_end_time: '2026-11-25T16:00:00.000Z',
      entity_type: 3,
      channel_id: null,
      entity_metadata: { location: 'https://meet.example/canva' },
      privacy_level: 2,
    });
    const [event] = events();
    expect(event).toMatchObject({ status: 1, recurrence_rule: null, creator_id: expect.any(String) });
    expect(await mirrorOf(h.db, 'training:1:a')).toMatchObject({ status: 'mirrored', externalId: event!.id, version: 1, appliedVersion: 1 });

    // Moved a day later and renamed: the same event, changed in place.
    await ask('training:1:a', { ...canva, name: 'Canva basics (moved)', start: at('2026-11-26T15:00:00Z'), end: at('2026-11-26T16:30:00Z') });
    expect(h.fake.callsTo('PATCH', '/guilds/:guild/scheduled-events/:event')).toHaveLength(1);
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({ id: event!.id, name: 'Canva basics (moved)', scheduled_start_time: '2026-11-26T15:00:00.000Z', scheduled_end_time: '2026-11-26T16:30:00.000Z' });

    // The same state asked again (a retried command) costs no call.
    h.fake.clear();
    expect(await ask('training:1:a', { ...canva, name: 'Canva basics (moved)', start: at('2026-11-26T15:00:00Z'), end: at('2026-11-26T16:30:00Z') })).toBeNull();
    expect(h.fake.calls.filter((call) => call.route.includes('scheduled-events'))).toHaveLength(0);

    await ask('training:1:a', { cancelled: true });
    expect(h.fake.callsTo('PATCH', '/guilds/:guild/scheduled-events/:event').map((call) => call.body)).toEqual([{ status: 4 }]);
    expect(events()[0]).toMatchObject({ id: event!.id, status: 4 });
    expect(await mirrorOf(h.db, 'training:1:a')).toMatchObject({ status: 'cancelled', externalId: null, version: 3 });
    // Cancelling again is nothing new.
    expect(await ask('training:1:a', { cancelled: true })).toBeNull();
  });

  it('deletes an occurrence that has already begun instead of cancelling it (Discord cancels only SCHEDULED events)', async () => {
    await ask('training:2:a', canva);
    const [event] = events();
    h.fake.scheduledEvents.start(event!.id);
    h.clock.advanceTo(at('2026-11-25T15:10:00Z'));
    await ask('training:2:a', { cancelled: true });
    expect(h.fake.callsTo('DELETE', '/guilds/:guild/scheduled-events/:event')).toHaveLength(1);
    expect(events()).toHaveLength(0);
    expect((await mirrorOf(h.db, 'training:2:a'))!.status).toBe('cancelled');
  });

  it('without Manage Events, tells the manager once and stays quiet after; once the permission is back the classes get their events', async () => {
    h.fake.scheduledEvents.withholdPermission(ACME_GUILD);
    await ask('training:3:a', canva);
    await ask('training:3:b', { ...canva, start: at('2026-11-27T15:00:00Z'), end: at('2026-11-27T16:00:00Z') });
    await h.deliver();
    expect(events()).toHaveLength(0);
    expect(noticesToOlivia('Manage Events')).toHaveLength(1);
    expect(h.text(noticesToOlivia('Manage Events')[0]!)).toContain('Acme Co');
    expect((await mirrorOf(h.db, 'training:3:a'))!.status).toBe('forbidden');
    expect((await mirrorOf(h.db, 'training:3:b'))!.status).toBe('forbidden');
    // Still refused at the next recheck: no second notice, no failed job.
    await h.advanceTo('2026-11-23T15:30:00Z');
    expect(noticesToOlivia('Manage Events')).toHaveLength(1);
    expect(await h.rows<{ n: number }>(sqlFailedJobs)).toEqual([{ n: 0 }]);

    h.fake.scheduledEvents.grantPermission(ACME_GUILD);
    await h.advanceTo('2026-11-23T21:30:00Z');
    expect(events().map((event) => event.scheduled_start_time).sort()).toEqual(['2026-11-25T15:00:00.000Z', '2026-11-27T15:00:00.000Z']);
    expect((await mirrorOf(h.db, 'training:3:a'))!.status).toBe('mirrored');
    expect((await mirrorOf(h.db, 'training:3:b'))!.status).toBe('mirrored');
    expect(await h.rows<{ n: number }>(sqlFailedJobs)).toEqual([{ n: 0 }]);

    // Lost again later: told again, once.
    h.fake.scheduledEvents.withholdPermission(ACME_GUILD);
    await ask('training:3:c', { ...canva, start: at('2026-11-28T15:00:00Z'), end: at('2026-11-28T16:00:00Z') });
    await ask('training:3:d', { ...canva, start: at('2026-11-29T15:00:00Z'), end: at('2026-11-29T16:00:00Z') });
    await h.advanceTo('2026-11-24T09:30:00Z');
    expect(noticesToOlivia('Manage Events')).toHaveLength(2);
  });

  it('drops a notice still waiting for the manager’s working time when the permission came back meanwhile', async () => {
    h.clock.advanceTo(at('2026-11-23T20:00:00Z'));
    h.fake.scheduledEvents.withholdPermission(ACME_GUILD);
    await ask('training:10:a', canva);
    await h.deliver();
    expect(await h.rows<{ status: string }>(sql`select status from deliveries where dedupe_key like 'events-alert:%'`)).toEqual([{ status: 'pending' }]);
    h.fake.scheduledEvents.grantPermission(ACME_GUILD);
    await h.advanceTo('2026-11-24T12:00:00Z');
    expect(events()).toHaveLength(1);
    expect(noticesToOlivia('Manage Events')).toHaveLength(0);
    expect(await h.rows<{ status: string }>(sql`select status from deliveries where dedupe_key like 'events-alert:%'`)).toEqual([{ status: 'superseded' }]);
  });

  it('when the server holds Discord’s 100 events, skips that occurrence and tells the manager once, in the team’s language', async () => {
    await h.db.update(teams).set({ locale: 'nl' }).where(eq(teams.id, teamId));
    for (let index = 0; index < 100; index++) h.fake.scheduledEvents.add(ACME_GUILD, { name: `Meetup ${index}` });
    await ask('training:4:a', canva);
    await ask('training:4:b', { ...canva, start: at('2026-11-27T15:00:00Z'), end: at('2026-11-27T16:00:00Z') });
    await h.deliver();
    expect(h.fake.callsTo('POST', '/guilds/:guild/scheduled-events')).toHaveLength(2);
    expect(events()).toHaveLength(100);
    expect(noticesToOlivia('100 komende evenementen')).toHaveLength(1);
    expect(h.text(noticesToOlivia('100 komende evenementen')[0]!)).toContain('“Canva basics” (Acme Co)');
    expect((await mirrorOf(h.db, 'training:4:a'))!.status).toBe('limit');
    expect((await mirrorOf(h.db, 'training:4:b'))!.status).toBe('limit');
  });

  it('a mirror whose commit was lost after Discord created the event creates no second event when its job runs again', async () => {
    const port = h.adapter.port.scheduledEvents!;
    const real: ScheduledEventsPort['create'] = port.create;
    let crashes = 1;
    // Discord answers, then the job's transaction never commits (the process died, the database went away).
    port.create = async (query) => {
      const result = await real(query);
      if (crashes-- > 0) throw new Error('connection lost before the commit');
      return result;
    };
    await ask('training:5:a', canva);
    expect(events()).toHaveLength(1);
    expect((await mirrorOf(h.db, 'training:5:a'))!.externalId).toBeNull();
    // The queue retries it after its backoff: the bot's own unheld event is found and adopted.
    await h.advanceTo('2026-11-23T09:05:00Z');
    expect(events()).toHaveLength(1);
    expect(h.fake.callsTo('POST', '/guilds/:guild/scheduled-events')).toHaveLength(1);
    expect(await mirrorOf(h.db, 'training:5:a')).toMatchObject({ status: 'mirrored', externalId: events()[0]!.id });
    port.create = real;

    // Another occurrence of the same class (same name) gets its own event: an event a mirror holds is never adopted.
    await ask('training:5:b', { ...canva, start: at('2026-12-02T15:00:00Z'), end: at('2026-12-02T16:00:00Z') });
    expect(events()).toHaveLength(2);
  });

  it('mirrors only the latest of several changes made before its job ran: one creation, at the latest time', async () => {
    await h.db.transaction(async (db) => {
      await requestEventMirror({ db, now: h.clock.now(), teamId, subjectKey: 'training:7:a', spec: canva });
      await requestEventMirror({ db, now: h.clock.now(), teamId, subjectKey: 'training:7:a', spec: { ...canva, start: at('2026-11-26T15:00:00Z'), end: at('2026-11-26T16:00:00Z') } });
    });
    await h.scheduler.runDue(h.clock.now());
    expect(h.fake.callsTo('POST', '/guilds/:guild/scheduled-events')).toHaveLength(1);
    expect(h.fake.callsTo('PATCH', '/guilds/:guild/scheduled-events/:event')).toHaveLength(0);
    expect(events().map((event) => event.scheduled_start_time)).toEqual(['2026-11-26T15:00:00.000Z']);
  });

  it('gives occurrences of one class mirrored at once (concurrent jobs on PostgreSQL) an event each, at its own time', async () => {
    const starts = ['2026-11-25T15:00:00.000Z', '2026-12-02T15:00:00.000Z', '2026-12-09T15:00:00.000Z', '2026-12-16T15:00:00.000Z'];
    await h.db.transaction(async (db) => {
      for (const [index, start] of starts.entries()) await requestEventMirror({ db, now: h.clock.now(), teamId, subjectKey: `training:11:${index}`, spec: { ...canva, start: at(start), end: new Date(at(start).getTime() + 3_600_000) } });
    });
    await h.scheduler.runDue(h.clock.now());
    expect(events().map((event) => event.scheduled_start_time).sort()).toEqual(starts);
    for (const [index, start] of starts.entries()) {
      const mirror = await mirrorOf(h.db, `training:11:${index}`);
      expect(h.fake.scheduledEvents.events.get(mirror!.externalId!)!.scheduled_start_time).toBe(start);
    }
  });

  it('retries a Discord outage with the queue’s backoff, and records a refusal Discord would repeat as failed, telling nobody', async () => {
    h.fake.failNext('POST', '/guilds/:guild/scheduled-events', { status: 502, code: 0 });
    await ask('training:8:a', canva);
    expect(events()).toHaveLength(0);
    expect((await mirrorOf(h.db, 'training:8:a'))!.status).toBe('pending');
    await h.advanceTo('2026-11-23T09:02:00Z');
    expect(events()).toHaveLength(1);
    expect((await mirrorOf(h.db, 'training:8:a'))!.status).toBe('mirrored');

    h.fake.failNext('POST', '/guilds/:guild/scheduled-events', { status: 400, code: 50035, message: 'Invalid Form Body' });
    await ask('training:8:b', { ...canva, start: at('2026-11-27T15:00:00Z'), end: at('2026-11-27T16:00:00Z') });
    await h.advanceTo('2026-11-23T12:00:00Z');
    expect(await mirrorOf(h.db, 'training:8:b')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('50035') });
    expect(h.fake.callsTo('POST', '/guilds/:guild/scheduled-events')).toHaveLength(3);
    expect(noticesToOlivia('Events')).toHaveLength(0);
  });

  it('leaves an occurrence that began before its job ran as it is', async () => {
    h.clock.advanceTo(at('2026-11-25T15:05:00Z'));
    await ask('training:9:a', canva);
    expect(h.fake.calls.filter((call) => call.route.includes('scheduled-events'))).toHaveLength(0);
    expect((await mirrorOf(h.db, 'training:9:a'))!.status).toBe('past');
  });

  it('the port passes on what Discord refuses: fields beyond its limits, a start in the past, a change to a cancelled event', async () => {
    const port = h.adapter.port.scheduledEvents!;
    const spec = { name: 'Canva basics', description: null, start: canva.start, end: canva.end, location: 'online' };
    const refusal = (result: unknown) => expect(result).toMatchObject({ ok: false, kind: 'invalid', error: expect.stringContaining('50035') });
    refusal(await port.create({ workspaceExternalId: ACME_GUILD, event: { ...spec, name: 'N'.repeat(101) } }));
    refusal(await port.create({ workspaceExternalId: ACME_GUILD, event: { ...spec, description: 'D'.repeat(1001) } }));
    refusal(await port.create({ workspaceExternalId: ACME_GUILD, event: { ...spec, location: '' } }));
    refusal(await port.create({ workspaceExternalId: ACME_GUILD, event: { ...spec, end: spec.start } }));
    refusal(await port.create({ workspaceExternalId: ACME_GUILD, event: { ...spec, start: at('2026-11-22T10:00:00Z'), end: at('2026-11-22T11:00:00Z') } }));
    const made = await port.create({ workspaceExternalId: ACME_GUILD, event: spec });
    expect(made).toMatchObject({ ok: true });
    const eventId = (made as { eventId: string }).eventId;
    expect(await port.cancel({ workspaceExternalId: ACME_GUILD, eventId, mode: 'cancel' })).toEqual({ ok: true, eventId });
    refusal(await port.update({ workspaceExternalId: ACME_GUILD, eventId, event: spec }));
    expect(await port.update({ workspaceExternalId: ACME_GUILD, eventId: '1234', event: spec })).toMatchObject({ ok: false, kind: 'gone' });
    h.fake.scheduledEvents.withholdPermission(ACME_GUILD);
    expect(await port.create({ workspaceExternalId: ACME_GUILD, event: spec })).toMatchObject({ ok: false, kind: 'forbidden', error: expect.stringContaining('50013') });
    // Listing needs no Manage Events: the bot's own events only.
    expect(await port.listOwn({ workspaceExternalId: ACME_GUILD })).toEqual({ ok: true, events: [{ eventId, name: 'Canva basics', start: canva.start, open: false }] });
  });

  it('an event deleted by a person on Discord comes back when the class changes, and others’ events are never touched', async () => {
    const theirs = h.fake.scheduledEvents.add(ACME_GUILD, { name: 'Canva basics', scheduled_start_time: '2026-11-25T15:00:00.000Z', scheduled_end_time: '2026-11-25T16:00:00.000Z' });
    await ask('training:6:a', canva);
    const mine = events().find((event) => event.id !== theirs.id)!;
    expect(mine.creator_id).not.toBe(theirs.creator_id);
    h.fake.scheduledEvents.events.delete(mine.id);
    await ask('training:6:a', { ...canva, location: null });
    const now = events().filter((event) => event.id !== theirs.id);
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ entity_metadata: { location: 'online' } });
    expect(h.fake.scheduledEvents.events.get(theirs.id)).toMatchObject({ status: 1, entity_metadata: { location: 'online' }, name: 'Canva basics' });
    expect(h.fake.callsTo('PATCH', '/guilds/:guild/scheduled-events/:event').every((call) => !call.path.endsWith(theirs.id))).toBe(true);
  });
});
