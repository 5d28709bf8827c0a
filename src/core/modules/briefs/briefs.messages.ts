import { DateTime } from 'luxon';
import { t, type Locale } from '../../i18n/catalog.js';
import { compose, timeToken, type Block, type Message } from '../../messages.js';
import { formatLocalDate, localDateOf } from '../../time.js';
import type { View } from '../../view.js';
import type { TeamBrief } from './briefs.contents.js';

// A brief is read at a glance: a section longer than this ends in "and N more".
const LINES = 10;

/** "Mon 23 Nov, 17:00": the manager's zone is named once, in the footer, not on every line. */
const short = (instant: Date, view: View) =>
  timeToken(instant, DateTime.fromJSDate(instant, { zone: view.zone }).setLocale(view.locale).toFormat(view.locale === 'nl' ? "ccc d LLL 'om' HH:mm" : 'ccc d LLL, HH:mm'));

const names = (people: readonly string[], locale: Locale) => (people.length ? people.join(', ') : t(locale, 'briefs.nobody'));

/** A labelled list, "Overdue (3)" and its lines, as one text block; nothing when it is empty. */
const section = <T>(label: 'briefs.overdue' | 'briefs.done' | 'briefs.moved' | 'briefs.missed' | 'briefs.followups' | 'briefs.blockers', rows: readonly T[], line: (row: T) => string, locale: Locale): Block[] => {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, LINES).map((row) => `• ${line(row)}`);
  if (rows.length > LINES) shown.push(t(locale, 'briefs.more', { count: rows.length - LINES }));
  return [{ type: 'text', text: [t(locale, label, { count: rows.length }), ...shown].join('\n') }];
};

const teamBlocks = (brief: TeamBrief, view: View): Block[] => {
  const { locale } = view;
  const people: string[] = [];
  if (brief.away.length) {
    const away = brief.away.map((person) => (person.reason === 'holiday' ? t(locale, 'briefs.away_holiday', { person: person.name }) : person.name));
    people.push(t(locale, 'briefs.away', { people: away.join(', ') }));
  }
  if (brief.unreachable.length) people.push(t(locale, 'briefs.unreachable', { people: brief.unreachable.join(', ') }));
  return [
    ...section('briefs.overdue', brief.overdue, (task) => t(locale, 'briefs.overdue_line', { number: task.number, title: task.title, people: names(task.assignees, locale), when: short(task.dueAt!, view) }), locale),
    ...section('briefs.missed', brief.missed, (task) => t(locale, 'briefs.missed_line', { number: task.number, title: task.title, people: names(task.assignees, locale), when: task.dueAt ? short(task.dueAt, view) : '—' }), locale),
    ...section('briefs.done', brief.done, (task) => t(locale, 'briefs.done_line', { number: task.number, title: task.title, person: task.actor ?? names(task.assignees, locale) }), locale),
    ...section(
      'briefs.moved',
      brief.moved,
      (task) => t(locale, task.times > 1 ? 'briefs.moved_line_times' : 'briefs.moved_line', { number: task.number, title: task.title, person: task.actor ?? '—', when: task.dueAt ? short(task.dueAt, view) : '—', times: task.times }),
      locale,
    ),
    ...section('briefs.followups', brief.followups, (row) => t(locale, 'briefs.followup_line', { person: row.person, what: row.what, requester: row.requester, when: short(row.askAt, view) }), locale),
    ...section(
      'briefs.blockers',
      brief.blockers,
      (row) => t(locale, 'briefs.blocker_line', { person: row.person, blocker: row.blocker, standup: row.standup ?? t(locale, 'briefs.standup'), date: formatLocalDate(row.localDate, locale, { now: view.now, zone: view.zone }) }),
      locale,
    ),
    ...(people.length ? [{ type: 'text' as const, text: people.join('\n') }] : []),
  ];
};

/**
 * The manager's brief: one team under a header that names it, several as one section each (the team's name,
 * then its lists), and a footer saying what period it covers and in which zone its times are.
 */
export const briefMessage = ({ briefs, since, first, view, portfolio = [] }: { briefs: readonly TeamBrief[]; since: Date; first: boolean; view: View; portfolio?: Block[] }): Message => {
  const date = formatLocalDate(localDateOf(view.now, view.zone), view.locale, { now: view.now, zone: view.zone });
  const blocks: Block[] =
    briefs.length === 0
      ? [{ type: 'header', text: t(view.locale, 'briefs.title_monday', { date }) }, { type: 'text', text: t(view.locale, 'briefs.portfolio_only') }]
      : briefs.length === 1
      ? [{ type: 'header', text: t(view.locale, 'briefs.title_team', { team: briefs[0]!.team.clientName, date }) }, ...teamBlocks(briefs[0]!, view)]
      : [
          { type: 'header', text: t(view.locale, 'briefs.title_teams', { date, count: briefs.length }) },
          ...briefs.flatMap((brief, index): Block[] => [...(index > 0 ? [{ type: 'divider' as const }] : []), { type: 'text', text: brief.team.clientName }, ...teamBlocks(brief, view)]),
        ];
  blocks.push(...portfolio);
  blocks.push({ type: 'context', text: first ? t(view.locale, 'briefs.footer_first', { zone: view.zone }) : t(view.locale, 'briefs.footer', { since: short(since, view), zone: view.zone }) });
  return compose(blocks);
};
