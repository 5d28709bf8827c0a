import { and, asc, eq, inArray } from 'drizzle-orm';
import { teams, trainingOccurrences, trainingRsvps, trainings } from '../../../db/schema/index.js';
import type { FeedEvent, FeedSource, FeedSourceContext } from '../feeds/feeds.types.js';

type OccurrenceOfFeed = { occurrence: typeof trainingOccurrences.$inferSelect; teamName: string | null; answer?: string };

/**
 * One event per occurrence (a recurring class shows each meeting as it is planned, with its own time and
 * link), cancelled ones kept as cancelled so calendar apps remove them; a Maybe is tentative.
 */
const occurrenceEvents = (rows: OccurrenceOfFeed[], ctx: FeedSourceContext): FeedEvent[] =>
  rows.map(({ occurrence, teamName, answer }) => {
    const title = ctx.t('feeds.class', { title: occurrence.title });
    return {
      uid: `training-occurrence-${occurrence.id}@righthand`,
      summary: teamName ? `[${teamName}] ${title}` : title,
      description: occurrence.link ? ctx.t('feeds.class_link', { link: occurrence.link }) : null,
      start: occurrence.startsAt,
      end: new Date(occurrence.startsAt.getTime() + occurrence.durationMinutes * 60_000),
      status: occurrence.status === 'cancelled' ? 'cancelled' : answer === 'maybe' ? 'tentative' : 'confirmed',
      url: occurrence.link,
    };
  });

/** Classes: every occurrence in the team's feed; in a person's, the ones they said Going or Maybe to, in every team. */
export const trainingFeedSource: FeedSource = {
  name: 'trainings',
  team: async (team, ctx) => {
    const rows = await ctx.db
      .select({ occurrence: trainingOccurrences })
      .from(trainingOccurrences)
      .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
      .where(eq(trainings.teamId, team.id))
      .orderBy(asc(trainingOccurrences.id));
    return occurrenceEvents(rows.map((row) => ({ ...row, teamName: null })), ctx);
  },
  person: async (person, ctx) => {
    const rows = await ctx.db
      .select({ occurrence: trainingOccurrences, teamName: teams.clientName, answer: trainingRsvps.answer })
      .from(trainingRsvps)
      .innerJoin(trainingOccurrences, eq(trainingOccurrences.id, trainingRsvps.occurrenceId))
      .innerJoin(trainings, eq(trainings.id, trainingOccurrences.trainingId))
      .innerJoin(teams, eq(teams.id, trainings.teamId))
      .where(and(eq(trainingRsvps.personId, person.id), inArray(trainingRsvps.answer, ['going', 'maybe'])))
      .orderBy(asc(trainingOccurrences.id));
    return occurrenceEvents(rows, ctx);
  },
};
