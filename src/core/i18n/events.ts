// Catalog entries of the events module: classes mirrored as the platform's own scheduled events.
export const eventsEn = {
  'events.end_before_start': 'An event must end after it starts.',
  'events.permission_notice':
    'I cannot add {team}’s classes to the Events of {server}: I need the Manage Events permission there. Everything else works as usual (announcements, RSVP, reminders); once you grant it, I add the upcoming classes by myself.',
  'events.limit_notice':
    '{server} already has Discord’s maximum of 100 upcoming events, so “{name}” ({team}) is not in its Events list. Everything else works as usual; classes get their event again once there is room.',
} as const;

export const eventsNl: Record<keyof typeof eventsEn, string> = {
  'events.end_before_start': 'Een evenement moet eindigen nadat het begint.',
  'events.permission_notice':
    'Ik kan de lessen van {team} niet toevoegen aan de Evenementen van {server}: daar heb ik de machtiging Evenementen beheren voor nodig. Al het andere werkt gewoon (aankondigingen, aanmeldingen, herinneringen); zodra je die geeft, voeg ik de komende lessen zelf toe.',
  'events.limit_notice':
    '{server} heeft al het maximum van Discord van 100 komende evenementen, dus “{name}” ({team}) staat niet in de Evenementen. Al het andere werkt gewoon; lessen krijgen weer een evenement zodra er plaats is.',
};
