import { DateTime } from 'luxon';
import type { CommandContext, HomeSection } from '../../commands.js';
import type { Db } from '../../../db/database.js';
import type { Block } from '../../messages.js';
import { formatInstant, formatLocalDate, localDateOf } from '../../time.js';
import { linkedPersonIds } from './portfolio.links.repository.js';
import { workspaceLabel } from './portfolio.places.js';
import { managedTeams, teamToday, type ManagedTeam, type TeamToday } from './portfolio.overview.queries.js';

/** A team's day in one word: red when something is late or stuck, amber when today is busy, green else. */
export const statusOf = (today: TeamToday): 'attention' | 'busy' | 'calm' => {
  if (today.overdue > 0 || today.blockers > 0) return 'attention';
  if (today.dueToday > 0 || today.answersMissing > 0 || today.offTarget.length > 0) return 'busy';
  return 'calm';
};

export interface TeamOverview extends ManagedTeam {
  today: TeamToday;
}

/** Every team the person manages on any linked identity, with today's numbers: nothing of any other team. */
export const overviewOf = async ({ db, personId, zone, now }: { db: Db; personId: number; zone: string; now: Date }): Promise<TeamOverview[]> => {
  const teams = await managedTeams({ db, personIds: await linkedPersonIds({ db, personId }) });
  const todayEnds = DateTime.fromJSDate(now, { zone }).endOf('day').plus({ milliseconds: 1 }).toJSDate();
  const overview: TeamOverview[] = [];
  for (const managed of teams) overview.push({ ...managed, today: await teamToday({ db, team: managed.team, now, todayEnds }) });
  return overview;
};

const STATUS_ICON = { attention: '🔴', busy: '🟡', calm: '🟢' } as const;

export const overviewBlocks = (ctx: CommandContext, overview: TeamOverview[], zone: string): Block[] => {
  const blocks: Block[] = [{ type: 'header', text: ctx.t('portfolio.overview_title', { date: formatLocalDate(localDateOf(ctx.now, zone), ctx.locale) }) }];
  for (const item of overview) {
    const { today } = item;
    const status = statusOf(today);
    const lines = [
      `${STATUS_ICON[status]} ${ctx.t('portfolio.overview_team', { team: item.team.clientName, place: workspaceLabel(item.platform, item.workspaceName, ctx.locale), status: ctx.t(`portfolio.status.${status}`) })}`,
      ctx.t('portfolio.overview_numbers', { overdue: today.overdue, dueToday: today.dueToday, missing: today.answersMissing, blockers: today.blockers, noShows: today.noShows }),
      today.nextClass
        ? ctx.t('portfolio.overview_next_class', { when: formatInstant(today.nextClass.startsAt, zone, ctx.locale, { now: ctx.now }), title: today.nextClass.title })
        : ctx.t('portfolio.overview_no_class'),
      ...(today.offTarget.length > 0 ? [ctx.t('portfolio.overview_off_target', { metrics: today.offTarget.join(', ') })] : []),
    ];
    blocks.push({ type: 'text', text: lines.join('\n') });
  }
  blocks.push({ type: 'context', text: ctx.t('portfolio.overview_footer', { zone }) });
  return blocks;
};

/** The top of Slack's Home tab, for whoever manages a team: the same overview. */
export const overviewHome: HomeSection = async (ctx) => {
  const zone = ctx.actor.zone ?? 'UTC';
  const overview = await overviewOf({ db: ctx.db, personId: ctx.actor.id, zone, now: ctx.now });
  return overview.length === 0 ? [] : overviewBlocks(ctx, overview, zone);
};
