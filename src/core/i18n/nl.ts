// Dutch catalog, assembled like en.ts; each module's file types its Dutch half by its English keys, so every key is translated.
import type { en } from './en.js';
import { botNl } from './bot.js';
import { briefsNl } from './briefs.js';
import { digestsNl } from './digests.js';
import { portfolioNl } from './portfolio.js';
import { eventsNl } from './events.js';
import { calendarNl } from './calendar.js';
import { feedsNl } from './feeds.js';
import { followupsNl } from './followups.js';
import { formsNl } from './forms.js';
import { helpNl } from './help.js';
import { helpOptionsNl } from './help-options.js';
import { optionNamesNl } from './option-names.js';
import { metricsNl } from './metrics.js';
import { obmNl } from './obm.js';
import { peopleNl } from './people.js';
import { standupsNl } from './standups.js';
import { sopsNl } from './sops.js';
import { tasksNl } from './tasks.js';
import { trainingsNl } from './trainings.js';

export const nl: Record<keyof typeof en, string> = {
  ...botNl,
  ...tasksNl,
  ...followupsNl,
  ...standupsNl,
  ...obmNl,
  ...peopleNl,
  ...metricsNl,
  ...digestsNl,
  ...portfolioNl,
  ...briefsNl,
  ...eventsNl,
  ...calendarNl,
  ...feedsNl,
  ...trainingsNl,
  ...sopsNl,
  ...helpNl,
  ...helpOptionsNl,
  ...optionNamesNl,
  ...formsNl,
};
