import { DateTime } from 'luxon';
import { t, type Locale, type MessageKey } from '../../i18n/catalog.js';
import { compose, timeToken, type Block, type Message } from '../../messages.js';
import { formatLocalDate } from '../../time.js';
import { formatChange, formatValue, sparkline } from '../metrics/metrics.numbers.js';
import { periodLabel } from '../metrics/metrics.periods.js';
import type { DigestData } from './digests.data.js';
import { isQuiet } from './digests.data.js';
import type { Headline } from './digests.headlines.js';

// A digest is forwarded and read on a phone: a section longer than this ends in "and N more".
const LINES = 8;

/** "Tue 8 Dec, 17:00" in the team's zone (Slack and Discord show each reader their own). */
const short = (instant: Date, team: DigestData['team'], locale: Locale) =>
  timeToken(instant, DateTime.fromJSDate(instant, { zone: team.zone }).setLocale(locale === 'nl' ? 'nl-NL' : 'en-GB').toFormat(locale === 'nl' ? "ccc d LLL 'om' HH:mm" : 'ccc d LLL, HH:mm'));

const names = (people: readonly string[], locale: Locale) => (people.length ? people.join(', ') : t(locale, 'digests.nobody'));

const section = <T>(title: string, rows: readonly T[], line: (row: T) => string, locale: Locale): Block[] => {
  if (rows.length === 0) return [];
  const shown = rows.slice(0, LINES).map((row) => `• ${line(row)}`);
  if (rows.length > LINES) shown.push(t(locale, 'digests.more', { count: rows.length - LINES }));
  return [{ type: 'text', text: [title, ...shown].join('\n') }];
};

/** A headline's name as the reader knows it: the team's own, or the built-in's label in the team's language. */
export const headlineName = (headline: Headline, locale: Locale): string =>
  headline.series.builtinKey ? t(locale, `metrics.builtin.${headline.series.builtinKey}` as MessageKey) : headline.series.name;

const headlineLine = (headline: Headline, locale: Locale): string => {
  const { series, current, previous, change, progress } = headline;
  const value = current === null ? t(locale, 'metrics.no_value') : formatValue(current, series.unit, locale);
  return t(locale, 'digests.headline_line', {
    name: headlineName(headline, locale),
    value,
    change: change === null || previous === null ? '' : t(locale, 'digests.headline_change', { change: formatChange(change, locale), previous: formatValue(previous, series.unit, locale) }),
    progress: progress === null || series.target === null ? '' : t(locale, 'digests.headline_progress', { percent: Math.round(progress), target: formatValue(series.target, series.unit, locale) }),
    sparkline: sparkline(series.points.map((point) => point.value)),
  }).trimEnd();
};

type Coming = { at: Date; text: string };

const comingLines = (data: DigestData, locale: Locale): Coming[] => {
  const { team } = data;
  const lines: Coming[] = [
    ...data.deadlines.map((task) => ({ at: task.dueAt, text: t(locale, 'digests.coming_task', { when: short(task.dueAt, team, locale), number: task.number, title: task.title, people: names(task.assignees, locale) }) })),
    ...data.classes.map((row) => ({ at: row.startsAt, text: t(locale, 'digests.coming_class', { when: short(row.startsAt, team, locale), title: row.title }) })),
    ...data.calendar.map((item) =>
      item.kind === 'entry'
        ? { at: item.startsAt, text: t(locale, 'digests.coming_entry', { when: short(item.startsAt, team, locale), kind: t(locale, `calendar.kind.${item.entry.kind}` as MessageKey), title: item.entry.title }) }
        : { at: item.startsAt, text: t(locale, 'digests.coming_project', { when: short(item.startsAt, team, locale), title: item.name }) },
    ),
  ];
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
};

const needsBlocks = (data: DigestData, locale: Locale): Block[] => {
  if (data.owners.length === 0) return [];
  const owners = data.owners.join(', ');
  const lines = [
    ...data.needs.tasks.map((task) => t(locale, 'digests.needs_task', { number: task.number, title: task.title, due: task.dueAt ? t(locale, 'digests.needs_due', { when: short(task.dueAt, data.team, locale) }) : '' })),
    ...data.needs.questions.map((question) => t(locale, 'digests.needs_question', { person: question.person, what: question.what })),
  ];
  if (lines.length === 0) return [{ type: 'text', text: t(locale, 'digests.needs_none', { owners }) }];
  return section(t(locale, 'digests.needs', { owners, count: lines.length }), lines, (line) => line, locale);
};

/**
 * The weekly digest, in the team's language: the headline numbers against last week with their trend, what got
 * done per person, what is overdue and blocked, the next 7 days, what waits on the owner. A note from the
 * reviewing manager goes on top. A team with nothing to report gets two friendly lines instead.
 */
export const digestMessage = ({ data, note, chart }: { data: DigestData; note: { person: string; text: string } | null; chart: boolean }): Message => {
  const locale: Locale = data.team.locale;
  const period = periodLabel(data.week, locale);
  const blocks: Block[] = [{ type: 'header', text: t(locale, 'digests.title', { team: data.team.clientName, period }) }];
  if (note) blocks.push({ type: 'text', text: t(locale, 'digests.note', { person: note.person, note: note.text }) });
  const footer = { type: 'context' as const, text: t(locale, chart ? 'digests.footer' : 'digests.footer_no_chart', { period: data.week.key, zone: data.team.zone }) };
  if (isQuiet(data)) return compose([...blocks, { type: 'text', text: t(locale, 'digests.quiet') }, { type: 'context', text: t(locale, 'digests.footer_no_chart', { period: data.week.key, zone: data.team.zone }) }]);
  const headlines = data.headlines.filter((headline) => headline.current !== null || headline.previous !== null);
  if (headlines.length) blocks.push({ type: 'text', text: [t(locale, 'digests.headlines'), ...headlines.map((headline) => `• ${headlineLine(headline, locale)}`)].join('\n') });
  blocks.push(
    ...section(t(locale, 'digests.done', { count: data.done.reduce((sum, row) => sum + row.tasks.length, 0) }), data.done, (row) => t(locale, 'digests.done_line', { person: row.person, tasks: row.tasks.map((task) => `#${task.number} ${task.title}`).join(', ') }), locale),
    ...section(t(locale, 'digests.overdue', { count: data.overdue.length }), data.overdue, (task) => t(locale, 'digests.overdue_line', { number: task.number, title: task.title, people: names(task.assignees, locale), when: short(task.dueAt!, data.team, locale) }), locale),
    ...section(t(locale, 'digests.blockers', { count: data.blockers.length }), data.blockers, (row) => t(locale, 'digests.blocker_line', { person: row.person, blocker: row.blocker, date: formatLocalDate(row.localDate, locale, { now: data.at, zone: data.team.zone }) }), locale),
  );
  const coming = comingLines(data, locale);
  blocks.push(...section(t(locale, 'digests.coming', { count: coming.length }), coming, (line) => line.text, locale));
  blocks.push(...needsBlocks(data, locale));
  blocks.push(footer);
  return compose(blocks);
};
