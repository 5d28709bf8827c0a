import { defineCommand, type BotModule } from '../../commands.js';
import { meCalendar, teamCalendar, teamCalendarReset } from '../feeds/feeds.commands.js';
import { help } from './obm.help.js';
import { me, zonePick } from './obm.me.js';
import { setup } from './obm.setup.js';
import { teamZonePick } from './obm.team-zone.js';
import { team, teamAdd, teamRemove } from './obm.team.js';
import { peopleNotices } from '../people/people.notices.js';
import { obmOnboarding } from '../sop/sop.onboarding.commands.js';
import { link, links, overview, unlink } from '../portfolio/portfolio.commands.js';
import { overviewHome } from '../portfolio/portfolio.overview.js';
import { exportData } from '../portfolio/portfolio.export.commands.js';

/**
 * `/obm`: the OBM's own command: set up client teams and their members, one's own settings, and help. The
 * grammar lives here; the rules and queries stay in the teams and people modules. The zone question's menu
 * (a DM from the people module) is answered here too, as it is `/obm me zone` by another route.
 */
export const obmCommand = defineCommand({
  name: 'obm',
  description: 'obm.cmd',
  fallback: 'help',
  subcommands: [setup, team, teamAdd, teamRemove, obmOnboarding, me, meCalendar, teamCalendar, teamCalendarReset, link, links, unlink, overview, exportData, help],
});

// The people module has no command of its own; /obm (me, team) is where people are set up, so it carries their re-checks.
export const obmModule: BotModule = { commands: [obmCommand], actions: [zonePick, teamZonePick], notices: peopleNotices };

// The OBM's overview leads Slack's Home tab, so it is a module of its own listed first (home sections keep module order).
export const portfolioHomeModule: BotModule = { home: overviewHome };
