import { t, type Locale } from '../../i18n/catalog.js';
import type { TeamRow } from '../teams/teams.repository.js';
import type { PersonRow } from './people.repository.js';

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export const hoursText = (person: PersonRow): string => `${clock(person.workStart)}-${clock(person.workEnd)}`;

export const zoneText = (person: PersonRow, team: TeamRow, locale: Locale): string =>
  person.zone ?? t(locale, 'obm.zone_team_default', { zone: team.zone });
