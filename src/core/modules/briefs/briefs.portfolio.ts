import type { Db } from '../../../db/database.js';
import type { TeamRow } from '../../identity.js';
import { t, type Locale } from '../../i18n/catalog.js';
import type { Block } from '../../messages.js';
import { digestHeadlines, type Headline } from '../digests/digests.headlines.js';
import { headlineName } from '../digests/digests.messages.js';
import { formatChange, formatValue } from '../metrics/metrics.numbers.js';
import { linkedPersonIds } from '../portfolio/portfolio.links.repository.js';
import { teamsManagedBy } from '../teams/teams.repository.js';

/** A team in a person's brief and the identity of theirs that manages it (whose own actions the brief leaves out). */
export interface BriefTeam {
  team: TeamRow;
  managerId: number;
}

/**
 * The teams one brief covers: those of every identity the person linked. One identity of a linked group sends
 * the brief for all of them (the lowest person id that manages a team: stable, whichever chain runs first),
 * the others stay quiet, so linking never doubles the DM.
 */
export const briefScope = async ({ db, personId }: { db: Db; personId: number }): Promise<{ lead: boolean; teams: BriefTeam[] }> => {
  const ids = [...(await linkedPersonIds({ db, personId }))].sort((a, b) => a - b);
  const teams: BriefTeam[] = [];
  let lead: number | null = null;
  for (const id of ids) {
    const managed = await teamsManagedBy({ db, personId: id });
    if (managed.length > 0 && lead === null) lead = id;
    for (const team of managed) if (!teams.some((known) => known.team.id === team.id)) teams.push({ team, managerId: id });
  }
  return { lead: lead === personId, teams };
};

// The Monday portfolio shows the first few headline numbers of each client: the digest carries the rest.
const PER_CLIENT = 3;

// A built-in at zero both weeks is a client where nothing happened, not a number worth a line.
const saysSomething = ({ series, current, previous }: Headline) => current !== null && (series.builtinKey === null || Boolean(current) || Boolean(previous));

/** Monday's portfolio summary: per client, the headline numbers of the week its digest reports. */
export const portfolioBlocks = async ({ db, teams, at, locale }: { db: Db; teams: readonly TeamRow[]; at: Date; locale: Locale }): Promise<Block[]> => {
  const lines: string[] = [];
  for (const team of teams) {
    const headlines = (await digestHeadlines({ db, team, at })).filter(saysSomething).slice(0, PER_CLIENT);
    const numbers = headlines.map((headline) => {
      const value = formatValue(headline.current!, headline.series.unit, locale);
      const change = headline.change === null ? '' : ` (${formatChange(headline.change, locale)})`;
      return `${headlineName(headline, locale)} ${value}${change}`;
    });
    lines.push(t(locale, 'briefs.portfolio_line', { team: team.clientName, numbers: numbers.length > 0 ? numbers.join(' · ') : t(locale, 'briefs.portfolio_quiet') }));
  }
  return lines.length === 0 ? [] : [{ type: 'divider' }, { type: 'text', text: [t(locale, 'briefs.portfolio_title'), ...lines].join('\n') }];
};
