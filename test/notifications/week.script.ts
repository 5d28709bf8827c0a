import type { Harness } from '../helpers/bot-harness.js';

/**
 * A working week of one client team, as the notification budget replays it: five people in three zones
 * (Olga the OBM and Eva in Amsterdam, Maria and Ana in Manila, Jo in New York), fifteen tasks of which two
 * repeat, a daily standup, three follow-ups, Eva away Wednesday and Thursday, and Monday 30 Nov a public
 * holiday for Maria (Bonifacio Day in the Philippines). Some tasks are done on time, some late, some never.
 * Each step is a moment (UTC) and what people do then; the clock runs through everything due in between.
 */
export const WEEK_START = '2026-11-29T10:00:00Z';
export const WEEK_END = '2026-12-05T23:00:00Z';
export const PEOPLE = ['olga', 'eva', 'maria', 'ana', 'jo'] as const;
export type Person = (typeof PEOPLE)[number];
export const ZONES: Record<Person, string> = { olga: 'Europe/Amsterdam', eva: 'Europe/Amsterdam', maria: 'Asia/Manila', ana: 'Asia/Manila', jo: 'America/New_York' };

type Step = { at: string; do: (h: Harness) => Promise<unknown> };

const inTeam = (h: Harness, who: Person, line: string) => h.run(who, 'acme', line);

/** Sunday: the OBM sets the team up and plans the week. */
const setUp = async (h: Harness) => {
  await h.run('olga', 'acme', '/obm setup Acme Co');
  await h.run('olga', 'acme', '/obm setup zone Europe/Amsterdam');
  await h.run('olga', 'acme', '/obm me zone Europe/Amsterdam');
  for (const who of ['eva', 'maria', 'ana', 'jo'] as const) {
    await h.run('olga', 'acme', `/obm team add @${who} member`);
    await h.run(who, 'acme', `/obm me zone ${ZONES[who]}`);
  }
  await h.run('maria', 'acme', '/obm me country PH');
  await h.run('eva', 'acme', '/obm me away 2 dec to 3 dec');
  await h.run('olga', 'acme', '/standup setup at 09:00 deadline 12:00');
  const tasks = [
    'Inbox zero @maria due tomorrow 17:00 every day',
    'Weekly report @eva due friday 16:00 every week',
    'Update CRM @ana due monday 12:00',
    'Client call notes @jo due monday 17:00',
    'Invoice batch @maria due tuesday 17:00',
    'Newsletter draft @eva due wednesday 17:00',
    'Fix landing page @jo due tuesday 02:00',
    'Server outage @jo !urgent due monday 10:00',
    'Podcast edit @maria due thursday 12:00',
    'Onboarding doc @eva due monday 15:00',
    'Ad spend review @ana due wednesday 12:00',
    'SOP update @olga due thursday 17:00',
    'Blog images @maria due friday 12:00',
    'Quarterly plan @jo due friday 17:00',
    'Social posts @ana due monday 10:00 every weekday',
  ];
  for (const task of tasks) await h.run('olga', 'acme', `/task add ${task}`);
  await h.run('olga', 'acme', '/followup @maria send the signed contract tuesday');
  await h.run('olga', 'acme', '/followup @jo the ad account logins monday 15:00');
  await h.run('eva', 'acme', '/followup @ana the new product photos thursday');
};

/** Answers today's standup question by DM replies, one per question. */
const standup = (who: Person) => async (h: Harness) => {
  for (const answer of ['Worked on my tasks', 'More of the same', 'none']) await h.say(who, answer);
};

/** Presses the button `label` on the newest DM to `who` that mentions `about`. */
const press = (who: Person, label: string, about: string) => async (h: Harness) => {
  const message = [...h.recorder.sent].reverse().find((sent) => sent.target.kind === 'dm' && sent.target.userId === who && sent.text.includes(about));
  const button = message?.message.blocks?.flatMap((block) => (block.type === 'buttons' ? block.buttons : [])).find((candidate) => candidate.label === label);
  if (button) await h.click(who, button.actionId, button.value);
};

export const WEEK: Step[] = [
  { at: WEEK_START, do: setUp },
  // Monday 30 Nov.
  { at: '2026-11-30T01:30:00Z', do: standup('ana') },
  { at: '2026-11-30T03:00:00Z', do: (h) => inTeam(h, 'ana', '/task done 3') },
  { at: '2026-11-30T08:30:00Z', do: standup('olga') },
  { at: '2026-11-30T09:30:00Z', do: standup('eva') },
  { at: '2026-11-30T13:30:00Z', do: standup('jo') },
  { at: '2026-11-30T13:40:00Z', do: (h) => inTeam(h, 'jo', '/task done 8') },
  { at: '2026-11-30T13:45:00Z', do: (h) => inTeam(h, 'eva', '/task done 10') },
  { at: '2026-11-30T14:30:00Z', do: press('jo', 'Done', 'logins') },
  // Tuesday 1 Dec.
  { at: '2026-12-01T01:15:00Z', do: standup('maria') },
  { at: '2026-12-01T02:00:00Z', do: press('maria', 'Done', 'contract') },
  { at: '2026-12-01T09:00:00Z', do: standup('olga') },
  { at: '2026-12-01T10:00:00Z', do: (h) => inTeam(h, 'olga', '/task assign 11 @jo') },
  { at: '2026-12-01T15:00:00Z', do: (h) => inTeam(h, 'jo', '/task done 4') },
  // Wednesday 2 Dec: Eva is away.
  { at: '2026-12-02T01:20:00Z', do: standup('maria') },
  { at: '2026-12-02T01:40:00Z', do: (h) => inTeam(h, 'maria', '/task snooze 9 friday 12:00') },
  { at: '2026-12-02T02:00:00Z', do: standup('ana') },
  { at: '2026-12-02T14:00:00Z', do: standup('jo') },
  // Thursday 3 Dec.
  { at: '2026-12-03T01:30:00Z', do: (h) => inTeam(h, 'maria', '/task done 13') },
  { at: '2026-12-03T08:00:00Z', do: standup('olga') },
  { at: '2026-12-03T10:00:00Z', do: (h) => inTeam(h, 'olga', '/task done 12') },
  { at: '2026-12-03T14:30:00Z', do: press('ana', 'Done', 'photos') },
  // Friday 4 Dec.
  { at: '2026-12-04T01:30:00Z', do: standup('maria') },
  { at: '2026-12-04T02:00:00Z', do: standup('ana') },
  { at: '2026-12-04T08:30:00Z', do: standup('eva') },
  { at: '2026-12-04T14:00:00Z', do: (h) => inTeam(h, 'eva', '/task done 2') },
  { at: WEEK_END, do: async () => {} },
];
