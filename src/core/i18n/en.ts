// English catalog: the source of truth for keys, assembled from one file per module (see catalog.ts).
import { botEn } from './bot.js';
import { briefsEn } from './briefs.js';
import { digestsEn } from './digests.js';
import { portfolioEn } from './portfolio.js';
import { eventsEn } from './events.js';
import { calendarEn } from './calendar.js';
import { feedsEn } from './feeds.js';
import { followupsEn } from './followups.js';
import { formsEn } from './forms.js';
import { helpEn } from './help.js';
import { helpOptionsEn } from './help-options.js';
import { optionNamesEn } from './option-names.js';
import { metricsEn } from './metrics.js';
import { obmEn } from './obm.js';
import { peopleEn } from './people.js';
import { standupsEn } from './standups.js';
import { sopsEn } from './sops.js';
import { tasksEn } from './tasks.js';
import { trainingsEn } from './trainings.js';

export const en = {
  ...botEn,
  ...tasksEn,
  ...followupsEn,
  ...standupsEn,
  ...obmEn,
  ...peopleEn,
  ...metricsEn,
  ...digestsEn,
  ...portfolioEn,
  ...briefsEn,
  ...eventsEn,
  ...calendarEn,
  ...feedsEn,
  ...trainingsEn,
  ...sopsEn,
  ...helpEn,
  ...helpOptionsEn,
  ...optionNamesEn,
  ...formsEn,
} as const;
