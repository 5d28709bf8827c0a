import { DateTime } from 'luxon';
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defineJob, scheduleJob } from '../../src/core/jobs.js';
import { getPeople } from '../../src/core/modules/people/people.repository.js';
import { loadWorkingTime } from '../../src/core/recipient-time.js';
import { getTeam } from '../../src/core/modules/teams/teams.repository.js';
import { textMessage } from '../../src/core/messages.js';
import { enqueueDelivery } from '../../src/core/deliveries.js';
import { localDateOf } from '../../src/core/time.js';
import { nextWorkingDayStart } from '../../src/core/working-time.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createHarness, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';

/**
 * A daily 09:00 nudge, materialised one occurrence at a time in each person's zone: the mechanism every
 * recurring prompt (standups, digests) uses. Each run sends today's nudge and schedules the next working
 * morning; the keys name the local date, so nothing can run twice.
 */
const dailyNudge = defineJob({
  kind: 'test.daily_nudge',
  payload: z.object({ personId: z.number(), teamId: z.number() }),
  run: async ({ personId, teamId }, { db, now }) => {
    const [person] = await getPeople({ db, ids: [personId] });
    const team = await getTeam({ db, teamId });
    const time = await loadWorkingTime({ db, person: person!, team: team!, now });
    await enqueueDelivery({
      db,
      workspaceId: team!.workspaceId,
      target: { kind: 'dm', personId, userId: person!.platformUserId },
      message: textMessage('Good morning!'),
      dedupeKey: `nudge:${personId}:${localDateOf(now, time.zone)}`,
      notBefore: now,
    });
    const next = nextWorkingDayStart(now, time);
    await scheduleJob({ db, job: dailyNudge, payload: { personId, teamId }, runAt: next, dedupeKey: `nudge:${personId}:${localDateOf(next, time.zone)}` });
  },
});

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  nina: { displayName: 'Nina', zone: 'America/New_York' },
  eva: { displayName: 'Eva', zone: 'Europe/Amsterdam' },
  liam: { displayName: 'Liam', zone: 'Australia/Sydney' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
  arjun: { displayName: 'Arjun', zone: 'Asia/Kolkata' },
};
const VAS = ['nina', 'eva', 'liam', 'maria', 'arjun'] as const;

const weekdaysBetween = (from: string, to: string) => {
  const days: string[] = [];
  for (let day = DateTime.fromISO(from, { zone: 'UTC' }); day.toISODate()! <= to; day = day.plus({ days: 1 })) if (day.weekday <= 5) days.push(day.toISODate()!);
  return days;
};

describe.each(testDatabases())('a daily 09:00 nudge on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    // Saturday 6 March 2027 in every zone: each person's first nudge is Monday the 8th.
    h = await createHarness({ handle, start: '2027-03-06T12:00:00Z', people: PEOPLE, jobs: [dailyNudge] });
    await h.run('olivia', 'team', '/obm setup Global Co');
    for (const name of VAS) await h.run('olivia', 'team', `/obm team add @${name} member`);
    await h.run('maria', 'dm-maria', '/obm me country PH');
    await h.run('eva', 'dm-eva', '/obm me away 29 mar to 31 mar');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  const startNudges = async () => {
    const team = (await h.db.query.teams.findFirst())!;
    const people = await h.db.query.people.findMany();
    for (const name of VAS) {
      const person = people.find((row) => row.platformUserId === name)!;
      const time = await loadWorkingTime({ db: h.db, person, team, now: h.clock.now() });
      const first = nextWorkingDayStart(h.clock.now(), time);
      await scheduleJob({ db: h.db, job: dailyNudge, payload: { personId: person.id, teamId: team.id }, runAt: first, dedupeKey: `nudge:${person.id}:${localDateOf(first, time.zone)}` });
    }
  };

  const nudgesOf = (name: string) => h.recorder.dmsTo(name).map((sent) => DateTime.fromJSDate(sent.at!, { zone: PEOPLE[name as keyof typeof PEOPLE].zone }));

  it('fires at 09:00 local every working day across the 2027 spring changes, never twice, skipping absences and holidays', async () => {
    await startNudges();
    await h.advanceTo('2027-04-09T23:59:00Z');
    for (const name of VAS) {
      const times = nudgesOf(name);
      expect(times.map((time) => time.toFormat('HH:mm')).every((clock) => clock === '09:00'), name).toBe(true);
      const dates = times.map((time) => time.toISODate()!);
      expect(new Set(dates).size, name).toBe(dates.length);
      let expected = weekdaysBetween('2027-03-08', '2027-04-09');
      if (name === 'maria') expected = expected.filter((date) => !['2027-03-09', '2027-03-25', '2027-03-26', '2027-04-09'].includes(date));
      if (name === 'eva') expected = expected.filter((date) => !['2027-03-29', '2027-03-30', '2027-03-31'].includes(date));
      expect(dates, name).toEqual(expected);
    }
  });

  it('fires at 09:00 local across the 2027 autumn changes', async () => {
    h.clock.advanceTo(new Date('2027-09-25T12:00:00Z')); // a Saturday in every zone
    await startNudges();
    await h.advanceTo('2027-11-12T23:59:00Z');
    for (const name of ['nina', 'eva', 'liam', 'arjun']) {
      const times = nudgesOf(name);
      expect(times.every((time) => time.toFormat('HH:mm') === '09:00'), name).toBe(true);
      expect(times.map((time) => time.toISODate()), name).toEqual(weekdaysBetween('2027-09-27', '2027-11-12'));
    }
  });
});
