import type { MessageKey } from '../../i18n/catalog.js';
import type { FeedSource } from '../feeds/feeds.types.js';
import { upcomingCalendarItems } from './calendar.items.js';

// Every entry the team ever had: a feed keeps history, and a removed entry must reach the calendar app as cancelled.
const ALWAYS = { from: new Date('1970-01-01T00:00:00Z'), to: new Date('9999-12-31T00:00:00Z') };

/** The launch and marketing calendar, in the team's feed: all-day entries as whole days in their zone. */
export const calendarFeedSource: FeedSource = {
  name: 'calendar',
  team: async (team, ctx) => {
    const items = await upcomingCalendarItems({ db: ctx.db, teamId: team.id, ...ALWAYS });
    return items.flatMap((item) => {
      // Project due dates are the feeds' own project source already.
      if (item.kind !== 'entry') return [];
      const { entry } = item;
      return [
        {
          uid: `${item.uid}@righthand`,
          summary: ctx.t('feeds.calendar_entry', { title: entry.title, kind: ctx.t(`calendar.kind.${entry.kind}` as MessageKey) }),
          description: item.projectName ? ctx.t('feeds.task_project', { project: item.projectName }) : null,
          start: entry.startsAt,
          ...(entry.allDay ? { allDay: true, end: null } : {}),
          status: item.cancelled ? ('cancelled' as const) : ('confirmed' as const),
          zone: entry.zone,
        },
      ];
    });
  },
};
