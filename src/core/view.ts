import { DateTime } from 'luxon';
import { t, type Locale } from './i18n/catalog.js';
import { timeToken } from './messages.js';
import { formatInstant } from './time.js';

/** Who a message is rendered for: their language, their zone, and the moment it is written. */
export interface View {
  locale: Locale;
  zone: string;
  now: Date;
}

/** A person's zone, else their team's: the zone their times are read and shown in. */
export const zoneOf = (person: { zone: string | null } | undefined, team: { zone: string }): string => person?.zone ?? team.zone;

/** A moment in a message: the reader's zone as text, re-rendered natively where the platform can. */
export const when = (instant: Date, view: View): string => timeToken(instant, formatInstant(instant, view.zone, view.locale, { now: view.now }));

/**
 * A moment on a day the message already names: the clock alone ("12:00 (Asia/Manila)") when it falls on the
 * reader's today, else the whole moment, so "Tuesday … closes at Tuesday 12:00" never repeats the day.
 */
export const whenToday = (instant: Date, view: View): { today: boolean; text: string } => {
  const day = (at: Date) => DateTime.fromJSDate(at, { zone: view.zone }).toISODate();
  if (day(instant) !== day(view.now)) return { today: false, text: when(instant, view) };
  return { today: true, text: `${DateTime.fromJSDate(instant, { zone: view.zone }).toFormat('HH:mm')} (${view.zone})` };
};

/**
 * The absolute echo of a moment read in someone else's zone, with the reader's own clock when it differs:
 * "Fri 27 Nov, 17:00 (Asia/Manila) = Fri 27 Nov, 10:00 (Europe/Amsterdam) your time".
 */
export const echoWhen = ({ at, zone, readerZone, locale, now }: { at: Date; zone: string; readerZone: string; locale: Locale; now: Date }): string => {
  const echo = formatInstant(at, zone, locale, { now });
  return readerZone === zone ? echo : echo + t(locale, 'time.your_time', { when: formatInstant(at, readerZone, locale, { now }) });
};

/**
 * How long ago a moment was, in the reader's language ("15 hours ago", "15 uur geleden"), from the moment the
 * message is written: a message that goes late says how late. Minutes below two hours, hours below two days.
 */
export const ago = (instant: Date, view: Pick<View, 'locale' | 'now'>): string => {
  const minutes = Math.max(0, Math.round((view.now.getTime() - instant.getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(view.locale, { numeric: 'always' });
  if (minutes < 120) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  return hours < 48 ? format.format(-hours, 'hour') : format.format(-Math.round(hours / 24), 'day');
};
