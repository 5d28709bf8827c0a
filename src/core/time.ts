// Time handling for people spread over many zones: reading what they type, and doing calendar
// arithmetic on their wall clock rather than the server's. Split by concern under ./time/.
export { parseWhen, type WhenKind, type WhenOptions } from './time/when.js';
export { parseDateRange, type DateRange, type DateRangeOptions } from './time/range.js';
export {
  parseRecurrence,
  formatRecurrence,
  nextOccurrence,
  type Recurrence,
  type RecurrenceUnit,
  type NextOccurrenceOptions,
} from './time/recurrence.js';
export { parseDuration, parseClock, parseHours, parseDays, formatDays } from './time/units.js';
export { formatInstant, formatLocalDate, type FormatOptions, type LocalDateFormatOptions } from './time/format.js';
export { isValidZone, assertZone, localDateOf, atLocalTime, isoWithOffset } from './time/zone.js';
