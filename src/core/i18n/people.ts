// Catalog entries of the people module: who someone is, whom the bot cannot reach, and the zone question.
export const peopleEn = {
  'people.unknown': 'I do not know {person} in this workspace. Mention them with @ so I can look them up.',
  'people.unreachable_notice': 'I cannot send direct messages to {person} ({team}): their DMs are closed or the account is gone. Please reach them another way.',
  'people.mention_required': 'Mention who you mean with @, for example: {usage}',
  'people.job_failed_notice': 'Heads-up for {team}: a scheduled {kind} failed after several tries, so something may not have been sent. Details are in the bot’s log.',
  'people.zone_ask':
    'Which time zone are you in? You have something scheduled in {team}, and I want it to reach you at your own hour. I’m using {zone} (the team’s zone) for your times until you tell me yours: it is {time} there now.',
  'people.zone_ask_placeholder': 'Pick your zone',
  'people.zone_ask_other': 'Somewhere else? Type /obm me zone with your city or country, for example /obm me zone Toronto.',
  'people.zone_picked': 'Thanks! Your zone is now {zone}; it is {time} there now. I’ll use it for your times from now on.',
} as const;

export const peopleNl: Record<keyof typeof peopleEn, string> = {
  'people.unknown': 'Ik ken {person} niet in deze workspace. Noem diegene met @, dan zoek ik het op.',
  'people.unreachable_notice': 'Ik kan {person} ({team}) geen privéberichten sturen: die staan uit of het account bestaat niet meer. Bereik die persoon op een andere manier.',
  'people.mention_required': 'Noem wie je bedoelt met @, bijvoorbeeld: {usage}',
  'people.job_failed_notice': 'Let op bij {team}: een geplande {kind} is na meerdere pogingen mislukt, dus er is mogelijk iets niet verstuurd. Details staan in het log van de bot.',
  'people.zone_ask':
    'In welke tijdzone zit je? Er staat iets voor je gepland in {team}, en dat wil ik je op jouw eigen uur sturen. Tot je me de jouwe vertelt, gebruik ik {zone} (de tijdzone van het team) voor je tijden: het is daar nu {time}.',
  'people.zone_ask_placeholder': 'Kies je tijdzone',
  'people.zone_ask_other': 'Ergens anders? Typ /obm me zone met je stad of land, bijvoorbeeld /obm me zone Toronto.',
  'people.zone_picked': 'Dank je! Je tijdzone is nu {zone}; het is daar nu {time}. Vanaf nu gebruik ik die voor je tijden.',
};
