import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';

// Maria is a VA in Manila (UTC+8, no DST); the OBM is in Amsterdam. "Tue 12:00" below is Manila's.
const PEOPLE = { olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' }, maria: { displayName: 'Maria', zone: 'Asia/Manila' } };
const manila = (local: string) => new Date(`${local}+08:00`).toISOString();

describe.each(testDatabases())('working hours across midnight and per weekday, through the scheduler, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  const dmsAbout = (title: string) => h.recorder.dmsTo('maria').filter((dm) => dm.text.includes(title));

  beforeEach(async () => {
    handle = await open();
    // Mon 23 Nov 2026, 16:00 in Manila.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member' } });
    // Only the deadline's own rungs, so each DM below is about one rule.
    await h.run('olivia', 'acme', '/obm setup reminders off');
  });
  afterEach(async () => handle.close());

  it('a night shift (22:00-06:00) gets a DM sent at noon at 22:00, and its 23:00 deadline reminder at 23:00', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me hours 22:00-06:00'))).toBe('Your working hours are now 22:00-06:00 (Asia/Manila).');
    await h.advanceTo(manila('2026-11-24T12:00:00'));
    h.recorder.clear();
    const reply = await h.run('olivia', 'acme', '/task add Send the invoices @maria due wednesday 23:00');
    // The confirmation says when Maria gets it: at the start of her shift, not now.
    expect(replyText(reply)).toContain('Maria gets the message Tue 24 Nov, 22:00 (Asia/Manila).');
    expect(dmsAbout('Send the invoices')).toEqual([]);
    await h.advanceTo(manila('2026-11-24T21:59:00'));
    expect(dmsAbout('Send the invoices')).toEqual([]);
    await h.advanceTo(manila('2026-11-24T22:00:00'));
    expect(dmsAbout('Send the invoices').map((dm) => dm.at?.toISOString())).toEqual([manila('2026-11-24T22:00:00')]);
    await h.advanceTo(manila('2026-11-25T23:30:00'));
    // The deadline is inside her shift, so its reminder is not held to a morning.
    expect(dmsAbout('Send the invoices').map((dm) => dm.at?.toISOString())).toEqual([manila('2026-11-24T22:00:00'), manila('2026-11-25T23:00:00')]);
  });

  it('a VA with per-weekday hours who is given a task on Friday afternoon gets it on Monday morning', async () => {
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me hours ma-do 08:00-16:00, vr 08:00-12:00'))).toBe('Your working hours are now Mon-Thu 08:00-16:00, Fri 08:00-12:00 (Asia/Manila).');
    expect(replyText(await h.run('maria', 'dm-maria', '/obm me'))).toContain('Mon-Thu 08:00-16:00, Fri 08:00-12:00');
    await h.advanceTo(manila('2026-11-27T11:00:00'));
    h.recorder.clear();
    await h.run('olivia', 'acme', '/task add Book the venue @maria due next wednesday 12:00');
    // Friday 11:00 is inside her Friday hours: sent at once.
    expect(dmsAbout('Book the venue').map((dm) => dm.at?.toISOString())).toEqual([manila('2026-11-27T11:00:00')]);
    await h.advanceTo(manila('2026-11-27T14:00:00'));
    const reply = await h.run('olivia', 'acme', '/task add Order the flowers @maria due next wednesday 12:00');
    expect(replyText(reply)).toContain('Maria gets the message Mon 30 Nov, 08:00 (Asia/Manila).');
    await h.advanceTo(manila('2026-11-30T07:59:00'));
    expect(dmsAbout('Order the flowers')).toEqual([]);
    await h.advanceTo(manila('2026-11-30T08:00:00'));
    expect(dmsAbout('Order the flowers').map((dm) => dm.at?.toISOString())).toEqual([manila('2026-11-30T08:00:00')]);
  });

  it('warns about a deadline after a Friday’s shorter hours, with her last working moment before it', async () => {
    await h.run('maria', 'dm-maria', '/obm me hours mon-thu 08:00-16:00, fri 08:00-12:00');
    const reply = await h.run('olivia', 'acme', '/task add Call the client @maria due friday 15:00');
    expect(replyText(reply)).toContain('that is 15:00 for Maria (Asia/Manila), after Maria’s day ends at 12:00');
  });
});
