import { t } from '../../i18n/catalog.js';
import type { PersonRow, TeamRow } from '../../identity.js';
import { compose, type Block, type Message } from '../../messages.js';
import { when, type View } from '../../view.js';
import type { TaskRow } from '../tasks/tasks.repository.js';
import type { SopRow } from './sop.repository.js';
import type { onboardingSteps } from '../../../db/schema/index.js';

export type StepRow = typeof onboardingSteps.$inferSelect;
export type StepWithSop = StepRow & { sop: SopRow | null };

/** One newcomer's onboarding in a team: what `/obm onboarding` shows and the weekly digest reads. */
export interface OnboardingProgress {
  person: PersonRow;
  joinedAt: Date;
  done: number;
  total: number;
  overdue: number;
}

export interface WelcomeItem {
  task: TaskRow;
  sop: SopRow | null;
  dueAt: Date;
}

// Discord holds 5 buttons a row and Slack's actions block 25; five reading buttons keep the welcome short.
const MAX_READ_BUTTONS = 5;

/** The welcome: the path, each task with its due moment in the newcomer's zone, and a button per SOP to read. */
export const welcomeDm = ({ person, team, items, view }: { person: PersonRow; team: TeamRow; items: WelcomeItem[]; view: View }): Message => {
  const reads = items.filter((item) => item.sop).slice(0, MAX_READ_BUTTONS);
  const blocks: Block[] = [
    { type: 'text', text: t(view.locale, 'sops.welcome', { person: person.displayName, team: team.clientName, count: items.length }) },
    ...items.map((item) => ({
      type: 'text' as const,
      text: [`#${item.task.number} ${item.task.title}`, t(view.locale, 'tasks.dm_due', { when: when(item.dueAt, view) }), ...(item.sop ? [item.sop.url] : [])].join(' · '),
    })),
    { type: 'context', text: t(view.locale, 'sops.welcome_footer') },
  ];
  if (reads.length > 0) blocks.push({ type: 'buttons', buttons: reads.map((item) => ({ label: t(view.locale, 'sops.button.read_n', { number: item.sop!.number }), actionId: 'sop.read', value: String(item.sop!.id) })) });
  return compose(blocks);
};

export const stepLine = (step: StepWithSop, locale: View['locale']): string =>
  t(locale, 'sops.onboarding_line', {
    number: step.number,
    day: step.day,
    what: step.kind === 'sop' ? t(locale, 'sops.onboarding_read', { sop: step.sop ? `#${step.sop.number} ${step.sop.title}${step.sop.removedAt ? ` (${t(locale, 'sops.removed_mark')})` : ''}` : '?' }) : step.kind === 'class' ? t(locale, 'sops.onboarding_attend', { title: step.title ?? '' }) : (step.title ?? ''),
  });

export const pathMessage = ({ team, steps, view }: { team: TeamRow; steps: StepWithSop[]; view: View }): Message =>
  compose([
    { type: 'header', text: t(view.locale, 'sops.onboarding_title', { team: team.clientName }) },
    ...(steps.length === 0 ? [{ type: 'text' as const, text: t(view.locale, 'sops.onboarding_empty') }] : steps.map((step) => ({ type: 'text' as const, text: stepLine(step, view.locale) }))),
  ]);

export const progressMessage = ({ team, progress, view }: { team: TeamRow; progress: OnboardingProgress[]; view: View }): Message =>
  compose([
    { type: 'header', text: t(view.locale, 'sops.progress_title', { team: team.clientName }) },
    ...(progress.length === 0
      ? [{ type: 'text' as const, text: t(view.locale, 'sops.progress_empty') }]
      : progress.map((entry) => ({
          type: 'text' as const,
          text: [t(view.locale, 'sops.progress_line', { person: entry.person.displayName, done: entry.done, total: entry.total, when: when(entry.joinedAt, view) }), ...(entry.overdue > 0 ? [t(view.locale, 'sops.progress_overdue', { count: entry.overdue })] : [])].join(' · '),
        }))),
  ]);

export const personProgressMessage = ({ person, items, view }: { person: PersonRow; items: { task: TaskRow; dueAt: Date }[]; view: View }): Message =>
  compose([
    { type: 'header', text: t(view.locale, 'sops.progress_person_title', { person: person.displayName, done: items.filter((item) => item.task.status === 'done').length, total: items.length }) },
    ...items.map(({ task, dueAt }) => ({
      type: 'text' as const,
      text: [`#${task.number} ${task.title}`, t(view.locale, `tasks.status.${task.status}`), t(view.locale, 'tasks.dm_due', { when: when(dueAt, view) }), ...(task.status === 'open' && dueAt < view.now ? [t(view.locale, 'tasks.overdue_mark')] : [])].join(' · '),
    })),
  ]);
