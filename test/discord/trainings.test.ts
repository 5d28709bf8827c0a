import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME_CHANNEL, ACME_GUILD, createDiscordHarness, MARIA, OLIVIA, setUpAcmeTeam, type DiscordHarness } from './harness.js';

/** /training through the real discord.js client against the fake Discord: typed options, the announcement, a click. */
describe('a class on Discord, through the real discord.js client', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness();
    h.fake.scheduledEvents.setClock(() => h.clock.now());
    await setUpAcmeTeam(h);
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { zone: 'Europe/Amsterdam' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('previews the start as it is typed', async () => {
    const { choices } = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/training add', { title: 'Onboarding call', when: 'tuesday 10:00' }, 'when');
    expect(choices.length).toBeGreaterThan(0);
    expect(choices[0]!.name).toContain('Tue 24 Nov');
  });

  it('schedules from typed options and announces with Discord timestamps and RSVP buttons; a click updates the counts in place', async () => {
    const { answer } = await h.command(OLIVIA, ACME_CHANNEL, '/training add', { title: 'Onboarding call', when: 'tuesday 10:00', length: '90 minutes', link: 'https://meet.example.com/abc', invitee: MARIA.id, max: 5 });
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(/^Scheduled #1 Onboarding call/);
    await h.deliver();
    const announcement = h.messageWith(ACME_CHANNEL, 'Onboarding call')!;
    expect(h.text(announcement)).toContain(`<t:${Date.parse('2026-11-24T09:00:00Z') / 1000}:F>`);
    expect(h.componentsOf(announcement).filter((component) => component.type === 2).map((component) => component.label)).toEqual(['Going', 'Maybe', 'Can’t make it']);
    const clicked = await h.click(MARIA, announcement, 'Going');
    expect(clicked.record.callbacks[0]!.type).toBe(7);
    expect(h.text(h.fake.message(announcement.id)!)).toContain('Going 1 / 5');
    expect(h.text(h.fake.message(announcement.id)!)).toContain('Going: Maria');
  });

  it('refuses a bad link with one sentence, to the manager alone', async () => {
    const { answer } = await h.command(OLIVIA, ACME_CHANNEL, '/training add', { title: 'Bad', when: 'tuesday 10:00', link: 'ftp://x' });
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toBe('“ftp://x” is not a link: give an http(s) address, e.g. https://meet.example.com/abc.');
  });

  it('mirrors the class as a Discord scheduled event: created with its link and end, moved in place, cancelled', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/training add', { title: 'Canva basics', when: 'wednesday 16:00', length: '90 minutes', link: 'https://meet.example.com/canva' });
    await h.deliver();
    const mine = () => h.fake.scheduledEvents.eventsIn(ACME_GUILD).filter((event) => event.name === 'Canva basics');
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({
      entity_type: 3,
      channel_id: null,
      entity_metadata: { location: 'https://meet.example.com/canva' },
      scheduled_start_time: '2026-11-25T15:00:00.000Z',
      scheduled_end_time: '2026-11-25T16:30:00.000Z',
      recurrence_rule: null,
      status: 1,
    });
    expect(mine()[0]!.description).toContain('Going');
    const number = h.fake.callsTo('POST', '/guilds/:guild/scheduled-events').length;

    await h.command(OLIVIA, ACME_CHANNEL, '/training move', { number: 2, when: 'thursday 16:00' });
    await h.deliver();
    expect(h.fake.callsTo('POST', '/guilds/:guild/scheduled-events')).toHaveLength(number);
    expect(mine()).toHaveLength(1);
    expect(mine()[0]).toMatchObject({ scheduled_start_time: '2026-11-26T15:00:00.000Z', scheduled_end_time: '2026-11-26T16:30:00.000Z', status: 1 });

    await h.command(OLIVIA, ACME_CHANNEL, '/training cancel', { number: 2 });
    await h.deliver();
    expect(mine()).toHaveLength(1);
    expect(mine()[0]!.status).toBe(4);
  });
});
