// Catalog entries of the people module's zone question (kept apart so that module owns its sentences).
export const peopleEn = {
  'people.zone_ask':
    'Which time zone are you in? You have something scheduled in {team}, and I want it to reach you at your own hour. I’m using {zone} (the team’s zone) for your times until you tell me yours: it is {time} there now.',
  'people.zone_ask_placeholder': 'Pick your zone',
  'people.zone_ask_other': 'Somewhere else? Type /obm me zone <IANA zone>, for example /obm me zone America/Toronto.',
  'people.zone_picked': 'Thanks! Your zone is now {zone}; it is {time} there now. I’ll use it for your times from now on.',
} as const;

export const peopleNl: Record<keyof typeof peopleEn, string> = {
  'people.zone_ask':
    'In welke tijdzone zit je? Er staat iets voor je gepland in {team}, en dat wil ik je op jouw eigen uur sturen. Tot je me de jouwe vertelt, gebruik ik {zone} (de tijdzone van het team) voor je tijden: het is daar nu {time}.',
  'people.zone_ask_placeholder': 'Kies je tijdzone',
  'people.zone_ask_other': 'Ergens anders? Typ /obm me zone <IANA-tijdzone>, bijvoorbeeld /obm me zone America/Toronto.',
  'people.zone_picked': 'Dank je! Je tijdzone is nu {zone}; het is daar nu {time}. Vanaf nu gebruik ik die voor je tijden.',
};
