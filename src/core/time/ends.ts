import type { Clock, Patch, Recogniser, ScanContext } from './parts.js';
import { addDays, calendar, onOrAfterWeekday } from './zone.js';

// End phrases are always at 17:00, whatever the kind: the end of the working day. "eod" is a time (today, or
// tomorrow once passed; "tomorrow eod" is tomorrow); "eow" the coming Friday; "end of month" its last day.

const END_OF_DAY: Clock = { hour: 17, minute: 0, twelveHour: false };
const FRIDAY = 5;
const END = '(?:the )?end of (?:the )?';
const EINDE = '(?:aan )?(?:het )?einde? (?:van )?';

function lastDayOfMonth(today: string, months: number): string {
  return calendar(today).plus({ months }).endOf('month').toISODate() as string;
}

function nextFriday(ctx: ScanContext): string {
  return addDays(onOrAfterWeekday(addDays(ctx.today, 1), 1), FRIDAY - 1);
}

const at17 = (patch: Patch): Patch => ({ ...patch, clock: END_OF_DAY });

/** In the order they are tried: "end of next week" before "end of week". */
export const END_RECOGNISERS: readonly Recogniser[] = [
  {
    pattern: new RegExp(`\\b(?:${END}next (?:work |working )?week|${EINDE}(?:de )?volgende (?:werk)?week)\\b`),
    read: (_match, ctx) => at17({ day: { kind: 'date', date: nextFriday(ctx) } }),
  },
  {
    pattern: new RegExp(`\\b(?:eow|${END}(?:this )?(?:work |working |business )?week|${EINDE}(?:de(?:ze)? )?(?:werk)?week)\\b`),
    // A weekday rolls: this week's Friday, or next Friday once its 17:00 has passed (also at the weekend).
    read: () => at17({ day: { kind: 'weekday', weekday: FRIDAY } }),
  },
  {
    pattern: new RegExp(`\\b(?:${END}next month|${EINDE}(?:de )?volgende maand)\\b`),
    read: (_match, ctx) => at17({ day: { kind: 'date', date: lastDayOfMonth(ctx.today, 1) } }),
  },
  {
    pattern: new RegExp(`\\b(?:eom|${END}(?:this )?month|${EINDE}(?:de(?:ze)? )?maand)\\b`),
    read: (_match, ctx) =>
      at17({ day: { kind: 'date', date: lastDayOfMonth(ctx.today, 0), rollsTo: lastDayOfMonth(ctx.today, 1) } }),
  },
  {
    pattern: new RegExp(`\\b(?:eoy|${END}(?:this )?year|${EINDE}(?:het |dit )?jaar)\\b`),
    read: (_match, ctx) => {
      const year = Number(ctx.today.slice(0, 4));
      return at17({ day: { kind: 'date', date: `${year}-12-31`, rollsTo: `${year + 1}-12-31` } });
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:eod|cob|eob|(?:the )?(?:end|close) of (?:the )?(?:business |work |working )?day|(?:the )?end of business|${EINDE}(?:de )?(?:werk)?dag)\\b`,
    ),
    read: () => ({ clock: END_OF_DAY }),
  },
];
