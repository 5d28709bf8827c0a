// Dutch catalog, assembled like en.ts; each module's file types its Dutch half by its English keys, so every key is translated.
import type { en } from './en.js';
import { botNl } from './bot.js';
import { briefsNl } from './briefs.js';
import { followupsNl } from './followups.js';
import { formsNl } from './forms.js';
import { helpNl } from './help.js';
import { helpOptionsNl } from './help-options.js';
import { optionNamesNl } from './option-names.js';
import { obmNl } from './obm.js';
import { peopleNl } from './people.js';
import { soonNl } from './soon.js';
import { standupsNl } from './standups.js';
import { sopsNl } from './sops.js';
import { tasksNl } from './tasks.js';

export const nl: Record<keyof typeof en, string> = {
  ...botNl,
  ...tasksNl,
  ...followupsNl,
  ...standupsNl,
  ...obmNl,
  ...peopleNl,
  ...soonNl,
  ...briefsNl,
  ...sopsNl,
  ...helpNl,
  ...helpOptionsNl,
  ...optionNamesNl,
  ...formsNl,
};
