import { botError, isBotError } from '../../errors.js';
import { t } from '../../i18n/catalog.js';
import { formatDays, parseDuration } from '../../time.js';
import type { TeamRow } from '../../identity.js';

/** A team's settings as `/obm setup` and `/obm team` show them, and the notice window's own reading. */

/** The window as it is typed: 2h, 90m → 1h30m, 45m. */
export const windowText = (minutes: number): string =>
  minutes < 60 ? `${minutes}m` : minutes % 60 === 0 ? `${minutes / 60}h` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;

export const settingsLine = (team: TeamRow) =>
  t(team.locale, 'obm.settings', {
    zone: team.zone,
    language: team.locale === 'nl' ? 'Nederlands' : 'English',
    days: formatDays(team.workingDays, team.locale),
    window: windowText(team.noticeWindowMinutes),
  });

export const MIN_WINDOW_MINUTES = 15;
export const MAX_WINDOW_MINUTES = 24 * 60;

/**
 * Reads "2h", "90m", "1.5 hours", "2 uur" as whole minutes from 15 minutes to 24 hours: shorter lets pairs of
 * messages through again, longer would hold a day's reminder back behind yesterday's. Anything else is refused.
 */
export const readWindow = (value: string): number => {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch (error) {
    if (isBotError(error)) throw botError('obm.bad_window', { value });
    throw error;
  }
  const minutes = Math.round(ms / 60_000);
  if (minutes < MIN_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES) throw botError('obm.bad_window', { value });
  return minutes;
};
