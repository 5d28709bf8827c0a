// Catalog entries of the command families announced before they are built.
export const soonEn = {
  'soon.training': 'Trainings and classes (coming soon)',
  'soon.digest': 'The weekly digest for the business owner (coming soon)',
  'soon.reply': '{command} is coming soon. Today I can help with /task, /followup, /standup, /training, /calendar, /metric and /obm: type /obm help.',
} as const;

export const soonNl: Record<keyof typeof soonEn, string> = {
  'soon.training': 'Trainingen en lessen (binnenkort)',
  'soon.digest': 'Het weekoverzicht voor de eigenaar (binnenkort)',
  'soon.reply': '{command} komt binnenkort. Vandaag help ik met /task, /followup, /standup, /training, /calendar, /metric en /obm: typ /obm help.',
};
