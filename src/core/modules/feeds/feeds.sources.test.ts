import { asc } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { trainingOccurrences } from '../../../db/schema/index.js';
import type { DatabaseHandle } from '../../../db/client.js';
import type { HttpServer } from '../../../http/server.js';
import { createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { startFeedServer } from '../../../../test/helpers/feed-server.js';
import { parseFeed } from '../../../../test/helpers/ical.js';

/** The classes and the launch calendar in the feeds, as a calendar app reads them back (ical.js). */
const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  jo: { displayName: 'Jo', zone: 'America/New_York' },
};
const FEED_URL = /https:\/\/righthand\.example\.com\/calendar\/([A-Za-z0-9_-]{32})\.ics/;

describe.each(testDatabases())('classes and calendar entries in the feeds on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  let http: HttpServer;
  const urlIn = (text: string) => `${http.url}/calendar/${FEED_URL.exec(text)![1]}.ics`;
  const eventsOf = async (url: string) => {
    const response = await fetch(url);
    expect(response.status).toBe(200);
    return parseFeed(await response.text()).events;
  };
  const occurrences = () => handle.db.select().from(trainingOccurrences).orderBy(asc(trainingOccurrences.id));

  beforeEach(async () => {
    handle = await open();
    // Friday 20 March 2026, 10:00 in Amsterdam: Europe's clocks go forward on Sunday 29 March.
    h = await createHarness({ handle, start: '2026-03-20T09:00:00Z', people: PEOPLE, publicUrl: 'https://righthand.example.com' });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: { maria: 'member', jo: 'member' } });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
    http = await startFeedServer({ db: handle.db, clock: h.clock });
  });
  afterEach(async () => {
    await http.close();
    await handle.close();
  });

  it('puts every occurrence of a weekly class in the team feed at its local hour across DST, and a cancelled one as CANCELLED', async () => {
    await h.run('olivia', 'acme', '/training add Group coaching thursday 16:00 for 90 minutes link https://meet.example.com/gc with everyone every thursday');
    const url = urlIn(replyText(await h.run('olivia', 'acme', '/obm calendar')));
    // The next occurrence appears when this one starts: Thursday 26 March (winter time), then 2 April (summer time).
    await h.advanceTo('2026-03-26T15:05:00Z');
    const classes = (await eventsOf(url)).filter((event) => event.summary === 'Class: Group coaching');
    expect(classes.map((event) => [event.start.toISOString(), event.tzid, event.wall.slice(11, 16), event.status])).toEqual([
      ['2026-03-26T15:00:00.000Z', 'Europe/Amsterdam', '16:00', 'CONFIRMED'],
      ['2026-04-02T14:00:00.000Z', 'Europe/Amsterdam', '16:00', 'CONFIRMED'],
    ]);
    expect(classes[0]!.description).toBe('Join: https://meet.example.com/gc');
    expect(classes[1]!.uid).toBe(`training-occurrence-${(await occurrences())[1]!.id}@righthand`);

    await h.run('olivia', 'acme', '/training cancel 1 this');
    const after = (await eventsOf(url)).filter((event) => event.summary === 'Class: Group coaching');
    const cancelled = after.find((event) => event.uid === classes[1]!.uid)!;
    expect([cancelled.status, cancelled.sequence]).toEqual(['CANCELLED', 1]);
  });

  it('shows a person the classes they said Going (confirmed) or Maybe (tentative) to, not the ones they cannot make', async () => {
    await h.run('olivia', 'acme', '/training add Canva basics tuesday 10:00 with everyone');
    await h.run('olivia', 'acme', '/training add Inbox zero wednesday 10:00 with everyone');
    await h.run('olivia', 'acme', '/training add Tax basics thursday 10:00 with everyone');
    const [canva, inbox, tax] = await occurrences();
    await h.click('maria', 'training.going', String(canva!.id));
    await h.click('maria', 'training.maybe', String(inbox!.id));
    await h.click('maria', 'training.cant', String(tax!.id));
    const url = urlIn(replyText(await h.run('maria', 'acme', '/obm me calendar')));
    const events = await eventsOf(url);
    expect(events.map((event) => [event.summary, event.status])).toEqual([
      ['[Acme Co] Class: Canva basics', 'CONFIRMED'],
      ['[Acme Co] Class: Inbox zero', 'TENTATIVE'],
    ]);
    // Her feed is in her zone: 10:00 in Amsterdam is 17:00 in Manila, the same instant.
    expect(events[0]!.start.toISOString()).toBe('2026-03-24T09:00:00.000Z');
    expect(DateTime.fromJSDate(events[0]!.start, { zone: 'Asia/Manila' }).toFormat('HH:mm')).toBe('17:00');

    // Changing her mind takes the class out of her feed: kept there as cancelled, so her calendar app drops it.
    await h.click('maria', 'training.cant', String(canva!.id));
    const later = await eventsOf(url);
    expect(later.find((event) => event.summary.endsWith('Canva basics'))!.status).toBe('CANCELLED');
  });

  it('puts launch-calendar entries in the team feed, all-day ones as whole days, a removed one as CANCELLED', async () => {
    await h.run('olivia', 'acme', '/calendar add Spring launch 10 apr kind launch @maria');
    await h.run('olivia', 'acme', '/calendar add Webinar 31 mar 19:00 kind event');
    const url = urlIn(replyText(await h.run('olivia', 'acme', '/obm calendar')));
    const events = await eventsOf(url);
    const launch = events.find((event) => event.summary === 'Spring launch (launch)')!;
    expect([launch.wall, launch.status, launch.uid]).toEqual(['2026-04-10', 'CONFIRMED', expect.stringMatching(/^calendar-entry-\d+@righthand$/)]);
    const webinar = events.find((event) => event.summary === 'Webinar (event)')!;
    // Read in the zone of whoever added it (Olivia, Amsterdam): 19:00 summer time is 17:00Z.
    expect([webinar.start.toISOString(), webinar.wall.slice(11, 16)]).toEqual(['2026-03-31T17:00:00.000Z', '19:00']);

    await h.run('olivia', 'acme', '/calendar remove 1');
    const removed = (await eventsOf(url)).find((event) => event.uid === launch.uid)!;
    expect([removed.status, removed.sequence]).toEqual(['CANCELLED', 1]);
  });
});
