import { count } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feeds } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import type { HttpServer } from '../../../http/server.js';
import { createHarness, replyText, visibility, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { startFeedServer } from '../../../../test/helpers/feed-server.js';
import { parseFeed, type ParsedEvent } from '../../../../test/helpers/ical.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  lena: { displayName: 'Lena', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
  sam: { displayName: 'Sam' },
};
const PUBLIC_URL = 'https://righthand.example.com';
const FEED_URL = /https:\/\/righthand\.example\.com\/calendar\/([A-Za-z0-9_-]{32})\.ics/;

describe.each(testDatabases())('calendar feeds on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  let http: HttpServer;

  /** The URL a reply shows, moved onto the test server (PUBLIC_URL is where people reach it; here that is 127.0.0.1). */
  const urlIn = (text: string) => {
    const token = FEED_URL.exec(text)?.[1];
    expect(token, text).toBeDefined();
    return `${http.url}/calendar/${token}.ics`;
  };
  const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });
  const feedOf = async (url: string) => {
    const response = await get(url);
    expect(response.status).toBe(200);
    const text = await response.text();
    return { response, text, ...parseFeed(text) };
  };
  const byUid = (events: ParsedEvent[], uid: string) => {
    const found = events.find((event) => event.uid === uid);
    expect(found, uid).toBeDefined();
    return found!;
  };
  const teamFeedUrl = async () => urlIn(replyText(await h.run('olivia', 'acme', '/obm calendar')));

  beforeEach(async () => {
    handle = await open();
    // Friday 20 March 2026, 10:00 in Amsterdam: a week before Europe's clocks go forward (Sunday 29 March).
    h = await createHarness({ handle, start: '2026-03-20T09:00:00Z', people: PEOPLE, publicUrl: PUBLIC_URL });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { lena: 'member', maria: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    http = await startFeedServer({ db: handle.db, clock: h.clock });
  });
  afterEach(async () => {
    await http.close();
    await handle.close();
  });

  it('shows a manager the team’s URL privately, and serves each deadline at its instant across both DST changes', async () => {
    await h.run('olivia', 'acme', '/task add Send the March newsletter @lena due 28 mar 17:00');
    await h.run('olivia', 'acme', '/task add Book the April webinar @lena due 30 mar 17:00');
    await h.run('olivia', 'acme', '/task add Close the Q3 books @lena due 24 oct 17:00');
    await h.run('olivia', 'acme', '/task add Launch the winter promo @lena due 26 oct 17:00');
    const reply = await h.run('olivia', 'acme', '/obm calendar');
    expect(visibility(reply)).toBe('ephemeral');
    expect(replyText(reply)).toContain('The calendar feed of Acme Co. Keep this URL to yourself');
    const { response, text, events, zones, name } = await feedOf(urlIn(replyText(reply)));
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(name).toBe('Acme Co (Righthand)');
    expect(zones).toEqual(['Europe/Amsterdam']);
    // DTSTAMP is UTC (the trap of a calendar-level zone), every start carries its TZID.
    expect(text.match(/^DTSTAMP:.*$/gm)!.every((line) => /^DTSTAMP:\d{8}T\d{6}Z\r?$/.test(line))).toBe(true);
    const starts = text.split('BEGIN:VEVENT').slice(1).map((block) => /^DTSTART.*$/m.exec(block)![0].trim());
    expect(starts.every((line) => /^DTSTART;TZID=Europe\/Amsterdam:\d{8}T170000$/.test(line)), starts.join(' ')).toBe(true);

    // 17:00 in Amsterdam is 16:00Z in winter time and 15:00Z in summer time; the other zones change on other days.
    const expected: [string, string, Record<string, string>][] = [
      ['Due: #1 Send the March newsletter', '2026-03-28T16:00:00Z', { 'Europe/Amsterdam': 'Sat 28 Mar 17:00', 'America/New_York': 'Sat 28 Mar 12:00', 'Asia/Manila': 'Sun 29 Mar 00:00', 'Pacific/Auckland': 'Sun 29 Mar 05:00' }],
      ['Due: #2 Book the April webinar', '2026-03-30T15:00:00Z', { 'Europe/Amsterdam': 'Mon 30 Mar 17:00', 'America/New_York': 'Mon 30 Mar 11:00', 'Asia/Manila': 'Mon 30 Mar 23:00', 'Pacific/Auckland': 'Tue 31 Mar 04:00' }],
      ['Due: #3 Close the Q3 books', '2026-10-24T15:00:00Z', { 'Europe/Amsterdam': 'Sat 24 Oct 17:00', 'America/New_York': 'Sat 24 Oct 11:00', 'Asia/Manila': 'Sat 24 Oct 23:00', 'Pacific/Auckland': 'Sun 25 Oct 04:00' }],
      ['Due: #4 Launch the winter promo', '2026-10-26T16:00:00Z', { 'Europe/Amsterdam': 'Mon 26 Oct 17:00', 'America/New_York': 'Mon 26 Oct 12:00', 'Asia/Manila': 'Tue 27 Oct 00:00', 'Pacific/Auckland': 'Tue 27 Oct 05:00' }],
    ];
    expect(events).toHaveLength(4);
    for (const [summary, instant, local] of expected) {
      const event = events.find((candidate) => candidate.summary === summary)!;
      expect(event, summary).toBeDefined();
      expect([event.tzid, event.wall.slice(11, 16), event.status, event.description]).toEqual(['Europe/Amsterdam', '17:00', 'CONFIRMED', 'For: Lena']);
      expect(event.uid).toMatch(/^task-\d+@righthand$/);
      expect(event.start.toISOString()).toBe(new Date(instant).toISOString());
      for (const [zone, wall] of Object.entries(local)) expect(DateTime.fromJSDate(event.start, { zone }).toFormat('ccc d LLL HH:mm'), `${summary} in ${zone}`).toBe(wall);
    }
  });

  it('keeps a cancelled task as CANCELLED with a higher SEQUENCE, and a done one with its tick', async () => {
    await h.run('olivia', 'acme', '/task add Draft the sales page @lena due 28 mar 17:00');
    await h.run('olivia', 'acme', '/task add Order the swag @lena due 30 mar 12:00');
    const url = await teamFeedUrl();
    const before = (await feedOf(url)).events;
    const draft = before.find((event) => event.summary.includes('Draft'))!;
    expect([draft.status, draft.sequence]).toEqual(['CONFIRMED', 0]);

    await h.advanceTo('2026-03-21T09:00:00Z');
    await h.run('olivia', 'acme', '/task cancel 1');
    await h.run('olivia', 'acme', '/task due 2 31 mar 12:00');
    const after = (await feedOf(url)).events;
    const cancelled = byUid(after, draft.uid);
    expect([cancelled.status, cancelled.sequence, cancelled.summary, cancelled.start.toISOString()]).toEqual(['CANCELLED', 1, 'Due: #1 Draft the sales page', '2026-03-28T16:00:00.000Z']);
    const swag = after.find((event) => event.uid !== draft.uid)!;
    expect([swag.summary, swag.sequence, swag.start.toISOString()]).toEqual(['Due: #2 Order the swag', 1, '2026-03-31T10:00:00.000Z']);
    await h.run('lena', 'acme', '/task done 2');
    const done = byUid((await feedOf(url)).events, swag.uid);
    expect([done.summary, done.sequence, done.status]).toEqual(['✓ Done: #2 Order the swag', 2, 'CONFIRMED']);
    // Fetching again without a change changes nothing.
    expect((await feedOf(url)).events.map((event) => [event.uid, event.sequence])).toEqual([[draft.uid, 1], [swag.uid, 2]]);
  });

  it('answers an unchanged feed with 304 to its ETag, and a changed one with 200 and a new ETag', async () => {
    await h.run('olivia', 'acme', '/task add Send the invoice @lena due 28 mar 17:00');
    const url = await teamFeedUrl();
    const first = await get(url);
    const etag = first.headers.get('etag')!;
    const body = await first.text();
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    await h.advanceTo('2026-03-20T12:00:00Z');
    const again = await get(url);
    expect([again.headers.get('etag'), await again.text()]).toEqual([etag, body]);
    const unchanged = await get(url, { 'If-None-Match': etag });
    expect([unchanged.status, await unchanged.text(), unchanged.headers.get('etag')]).toEqual([304, '', etag]);
    expect((await get(url, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);

    await h.run('olivia', 'acme', '/task add Pay the designer @lena due 29 mar 12:00');
    const changed = await get(url, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(parseFeed(await changed.text()).events).toHaveLength(2);
  });

  it('answers 404 alike to an unknown, a malformed and a reset token, and the new URL works at once', async () => {
    await h.run('olivia', 'acme', '/task add Send the invoice @lena due 28 mar 17:00');
    const oldUrl = await teamFeedUrl();
    const unknown = await get(`${http.url}/calendar/${'A'.repeat(32)}.ics`);
    const notFound = [unknown.status, await unknown.text(), unknown.headers.get('content-type')];
    expect(notFound).toEqual([404, 'Not found\n', 'text/plain; charset=utf-8']);
    for (const path of ['/calendar/short.ics', '/calendar/', `/calendar/${'A'.repeat(32)}`]) {
      const response = await get(`${http.url}${path}`);
      expect([response.status, await response.text(), response.headers.get('content-type')], path).toEqual(notFound);
    }

    const reset = replyText(await h.run('olivia', 'acme', '/obm calendar reset'));
    expect(reset).toContain('A new calendar feed URL for Acme Co. The old one stopped working');
    const newUrl = urlIn(reset);
    expect(newUrl).not.toBe(oldUrl);
    const gone = await get(oldUrl);
    expect([gone.status, await gone.text(), gone.headers.get('content-type')]).toEqual(notFound);
    expect((await feedOf(newUrl)).events.map((event) => event.summary)).toEqual(['Due: #1 Send the invoice']);
  });

  it('tells a manager who asks again that the URL cannot be shown twice, and a member that the team feed is for managers', async () => {
    await teamFeedUrl();
    const again = replyText(await h.run('olivia', 'acme', '/obm calendar'));
    expect(again).toBe('The calendar feed of Acme Co exists since Fri 20 Mar, 10:00 (Europe/Amsterdam). I keep only a fingerprint of its URL, so I cannot show it again: /obm calendar reset makes a new one (the old one stops working).');
    expect(again).not.toMatch(FEED_URL);
    const count0 = (await handle.db.select({ n: count() }).from(feeds))[0]!.n;
    for (const line of ['/obm calendar', '/obm calendar reset']) {
      const refused = await h.run('lena', 'acme', line);
      expect([visibility(refused), replyText(refused)]).toEqual(['ephemeral', 'Only the team’s managers get the team’s calendar feed. Your own tasks are in yours: /obm me calendar']);
    }
    expect((await handle.db.select({ n: count() }).from(feeds))[0]!.n).toBe(count0);
  });

  it('gives a person their own tasks from all their teams, in their zone, and cancels one reassigned away', async () => {
    await h.setupTeam({ channel: 'beta', client: 'Beta BV', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    await h.run('olivia', 'acme', '/task add Edit the podcast @maria due 28 mar 17:00');
    await h.run('olivia', 'acme', '/task add Not hers @lena due 28 mar 17:00');
    await h.run('olivia', 'beta', '/task add Update the FAQ @maria due 30 mar 10:00');
    await h.run('olivia', 'beta', '/task add Review the ads @maria @jo due 31 mar 10:00');
    const reply = await h.run('maria', 'dm-maria', '/obm me calendar');
    expect([visibility(reply), replyText(reply).split('\n')[0]]).toEqual(['ephemeral', 'Your calendar feed, with your tasks from all your teams. Keep this URL to yourself.']);
    const url = urlIn(replyText(reply));
    const { events, zones, name } = await feedOf(url);
    expect(name).toBe('Maria (Righthand)');
    expect(zones).toEqual(['Asia/Manila']);
    // Due phrases are read in the assignee's zone (Manila, no DST): 17:00 there is 09:00Z.
    expect(events.map((event) => [event.summary, event.tzid, event.wall, event.start.toISOString()])).toEqual([
      ['[Acme Co] Due: #1 Edit the podcast', 'Asia/Manila', '2026-03-28T17:00:00', '2026-03-28T09:00:00.000Z'],
      ['[Beta BV] Due: #1 Update the FAQ', 'Asia/Manila', '2026-03-30T10:00:00', '2026-03-30T02:00:00.000Z'],
      ['[Beta BV] Due: #2 Review the ads', 'Asia/Manila', '2026-03-31T10:00:00', '2026-03-31T02:00:00.000Z'],
    ]);
    const ads = events[2]!;
    await h.run('olivia', 'beta', '/task assign 2 @jo');
    const after = byUid((await feedOf(url)).events, ads.uid);
    expect([after.status, after.sequence, after.summary]).toEqual(['CANCELLED', 1, '[Beta BV] Due: #2 Review the ads']);

    // Jo's own feed has the task; the reset of Maria's leaves hers working under the new URL only.
    const jo = byUid((await feedOf(urlIn(replyText(await h.run('jo', 'beta', '/obm me calendar'))))).events, ads.uid);
    expect([jo.status, jo.tzid, jo.wall]).toEqual(['CONFIRMED', 'America/New_York', '2026-03-30T22:00:00']);
    const fresh = urlIn(replyText(await h.run('maria', 'dm-maria', '/obm me calendar reset')));
    expect((await get(url)).status).toBe(404);
    expect((await feedOf(fresh)).events).toHaveLength(3);
  });

  it('shows someone who set no zone their feed in their first team’s zone', async () => {
    await h.run('olivia', 'acme', '/obm team add @sam member');
    await h.run('olivia', 'acme', '/task add Film the intro @sam due 28 mar 17:00');
    const { events, zones } = await feedOf(urlIn(replyText(await h.run('sam', 'dm-sam', '/obm me calendar'))));
    expect(zones).toEqual(['Europe/Amsterdam']);
    expect(events.map((event) => [event.tzid, event.wall, event.start.toISOString()])).toEqual([['Europe/Amsterdam', '2026-03-28T17:00:00', '2026-03-28T16:00:00.000Z']]);
  });

  it('speaks Dutch in a Dutch team, in the replies and in the feed', async () => {
    await h.run('olivia', 'acme', '/obm setup language nl');
    await h.run('olivia', 'acme', '/task add Nieuwsbrief versturen @lena due 28 mrt 17:00');
    const reply = replyText(await h.run('olivia', 'acme', '/obm calendar'));
    expect(reply).toContain('De agendafeed van Acme Co. Houd deze URL voor jezelf');
    expect((await feedOf(urlIn(reply))).events.map((event) => [event.summary, event.description])).toEqual([['Deadline: #1 Nieuwsbrief versturen', 'Voor: Lena']]);
    expect(replyText(await h.run('lena', 'acme', '/obm calendar'))).toBe('Alleen de managers van het team krijgen de agendafeed van het team. Je eigen taken staan in de jouwe: /obm me calendar');
  });

  it('shows project due dates in the team’s feed', async () => {
    await h.run('olivia', 'acme', '/task project add Spring launch due 27 mar 12:00');
    const { events } = await feedOf(await teamFeedUrl());
    expect(events.map((event) => [event.summary, event.uid.replace(/\d+/, 'N'), event.start.toISOString(), event.tzid])).toEqual([['Project due: Spring launch', 'project-N@righthand', '2026-03-27T11:00:00.000Z', 'Europe/Amsterdam']]);
  });
});

describe.each(testDatabases())('calendar feeds without PUBLIC_URL on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  afterEach(async () => handle.close());
  beforeEach(async () => {
    handle = await open();
  });

  it('say in one sentence that they need PUBLIC_URL, and make nothing', async () => {
    const h = await createHarness({ handle, start: '2026-03-20T09:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: {} });
    const sentence = 'Calendar feeds need PUBLIC_URL: the address people reach Righthand at (for example https://righthand.example.com). Ask whoever runs Righthand to set it.';
    for (const [user, channel, line] of [['olivia', 'acme', '/obm calendar'], ['olivia', 'acme', '/obm calendar reset'], ['olivia', 'dm-olivia', '/obm me calendar']] as const) {
      const reply = await h.run(user, channel, line);
      expect([visibility(reply), replyText(reply)], line).toEqual(['ephemeral', sentence]);
    }
    expect((await handle.db.select({ n: count() }).from(feeds))[0]!.n).toBe(0);
  });
});
