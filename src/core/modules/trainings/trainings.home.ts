import type { HomeSection } from '../../commands.js';
import type { Block } from '../../messages.js';
import type { View } from '../../view.js';
import { classLine } from './trainings.messages.js';
import { rsvpsOfPerson, upcomingFor } from './trainings.repository.js';

/** The person's upcoming classes in every team of the workspace, with what they answered. */
export const trainingsHome: HomeSection = async (ctx) => {
  const rows = await upcomingFor({ db: ctx.db, workspaceId: ctx.workspace.id, person: ctx.actor, now: ctx.now });
  if (rows.length === 0) return [];
  const answers = await rsvpsOfPerson({ db: ctx.db, personId: ctx.actor.id, occurrenceIds: rows.map((row) => row.occurrence.id) });
  const view: View = { locale: ctx.locale, zone: ctx.actor.zone ?? 'UTC', now: ctx.now };
  const lines = rows.map(({ training, occurrence }): Block => {
    const answer = answers.get(occurrence.id);
    return { type: 'text', text: `${classLine(training, occurrence, view)} · ${ctx.t(answer ? `trainings.home_${answer}` : 'trainings.home_no_answer')}` };
  });
  return [{ type: 'header', text: ctx.t('trainings.home_title') }, ...lines];
};
