import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { mention } from '../../src/core/mentions.js';
import { ACME, ACME_CHANNEL, ACME_GUILD, BETA, BETA_CHANNEL, createDiscordHarness, JO, MARIA, OLIVIA, type DiscordHarness } from './harness.js';

const tasks = (h: DiscordHarness) => h.rows<{ number: number; title: string; status: string }>(sql`select number, title, status from tasks order by id`);

describe.each(testDatabases())('slash commands through INTERACTION_CREATE on $driver', ({ open }) => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ handle: await open() });
  });
  afterAll(async () => {
    await h?.close();
    await h?.handle.close();
  });

  it('/obm: setup makes the channel a team (in the channel, for all), team-add adds a member by USER option, help is ephemeral', async () => {
    const setup = await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
    expect(setup.handled[0]!.invocation).toMatchObject({ id: `command:${setup.record.id}`, platform: 'discord', workspace: { externalId: ACME_GUILD, name: 'Acme Community' }, channel: { id: ACME_CHANNEL, isDm: false }, actor: { userId: OLIVIA.id, displayName: 'Olivia' } });
    expect(setup.handled[0]!.invocation.actor.zone).toBeUndefined();
    expect(setup.answer.type).toBe(4);
    expect(setup.answer.ephemeral).toBe(false);
    expect(setup.answer.text).toContain('Acme Co');
    const [workspace] = await h.rows<{ external_id: string; name: string; platform: string }>(sql`select external_id, name, platform from workspaces`);
    expect(workspace).toEqual({ external_id: ACME_GUILD, name: 'Acme Community', platform: 'discord' });

    const added = await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: MARIA.id, role: 'member' });
    expect(added.handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/obm', text: 'team add' });
    // The server nickname, from the USER option's resolved member.
    expect(added.answer.text).toContain('Maria (VA)');
    await h.command(OLIVIA, ACME_CHANNEL, '/obm team-add', { person: JO.id, role: 'member' });

    const help = await h.command(MARIA, ACME_CHANNEL, '/obm help');
    expect(help.answer.ephemeral).toBe(true);
    expect(help.answer.text).toContain('/task');
  });

  it('/task: add with a USER option and a date posts in the channel and DMs the assignee with buttons; list is ephemeral', async () => {
    const added = await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Send the *weekly* report', assignee: MARIA.id, due: 'friday 17:00', priority: 'high' });
    expect(added.handled[0]!.invocation.input).toEqual({ kind: 'command', command: '/task', text: 'add', options: { title: 'Send the *weekly* report', assignees: [MARIA.id], due: 'friday 17:00', priority: 'high' } });
    expect(added.answer.ephemeral).toBe(false);
    // What people typed is escaped: the asterisks stay asterisks.
    expect(added.answer.text).toContain('Send the \\*weekly\\* report');
    expect((await tasks(h)).at(-1)).toEqual({ number: 1, title: 'Send the *weekly* report', status: 'open' });

    h.fake.clear();
    await h.deliver();
    const dmChannel = h.fake.dmChannelOf(MARIA.id)!;
    expect(h.fake.callsTo('POST', '/users/@me/channels')[0]!.body).toEqual({ recipient_id: MARIA.id });
    const dm = h.messageWith(dmChannel, /weekly/)!;
    expect(h.componentsOf(dm).map((button) => button.label)).toEqual(['Done', 'Snooze', 'Need help']);
    // The due time is a Discord timestamp, which each reader sees in their own zone.
    expect(h.text(dm)).toMatch(/<t:\d+:F> \(<t:\d+:R>\)/);
    // In a DM the buttons carry the guild, so a click there finds its workspace.
    expect(h.componentsOf(dm)[0].custom_id).toMatch(new RegExp(`^rh1\\|${ACME_GUILD}\\|task\\.done\\|`));
    const post = h.fake.callsTo('POST', '/channels/:channel/messages').find((call) => call.path.includes(dmChannel))!;
    expect(post.body).toMatchObject({ nonce: expect.stringMatching(/^rh\d+$/), enforce_nonce: true, allowed_mentions: { parse: [] } });

    const list = await h.command(MARIA, ACME_CHANNEL, '/task list');
    expect(list.answer.ephemeral).toBe(true);
    expect(list.answer.text).toContain('#1');
  });

  it('/followup: ask someone by USER option', async () => {
    const asked = await h.command(OLIVIA, ACME_CHANNEL, '/followup ask', { person: JO.id, what: 'Did the invoice go out?', when: 'tomorrow 10:00' });
    expect(asked.handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/followup', text: 'ask' });
    expect(asked.handled[0]!.reply.kind).toBe('message');
    expect(asked.answer.text).toMatch(/Jo/);
    const list = await h.command(OLIVIA, ACME_CHANNEL, '/followup list');
    expect(list.answer.ephemeral).toBe(true);
    expect(list.answer.text).toContain('Did the invoice go out?');
  });

  it('/standup: setup with options, then show', async () => {
    const setup = await h.command(OLIVIA, ACME_CHANNEL, '/standup setup', { at: '09:30', on: 'mon-fri', questions: 'What did you do? | What is next? | Any blockers?' });
    expect(setup.handled[0]!.reply.kind).toBe('message');
    expect(setup.answer.text).toMatch(/09:30/);
    const show = await h.command(OLIVIA, ACME_CHANNEL, '/standup show');
    expect(show.answer.text).toMatch(/09:30/);
    expect(show.answer.original!.embeds[0].fields.length).toBeGreaterThan(0);
  });

  it('/digest status answers when the digest goes, to the person alone', async () => {
    const { answer, handled } = await h.command(OLIVIA, ACME_CHANNEL, '/digest status');
    expect(handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/digest' });
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toMatch(/^The weekly digest of .+ goes every Monday at 09:00/);
  });

  it('an error is ephemeral: a team command outside a team channel', async () => {
    const { answer } = await h.command(OLIVIA, '510000000000000009', '/task list');
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('not a client team');
  });

  it('autocomplete previews how a date phrase is read, in the zone of the person it is for (the team’s until they set one)', async () => {
    const { record, choices } = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Book the venue', assignee: MARIA.id, due: 'friday 5pm' }, 'due');
    expect(record.callbacks[0]!.type).toBe(8);
    expect(choices).toHaveLength(1);
    expect(choices[0]!.value).toBe('friday 5pm');
    expect(choices[0]!.name).toMatch(/^friday 5pm → Fri 27 Nov.*17:00/);
    // Discord never told us Maria's zone: the preview says whose zone it used.
    expect(choices[0]!.name).toMatch(/team/);

    await h.command(MARIA, ACME_CHANNEL, '/obm me', { zone: 'Asia/Manila' });
    const manila = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Book the venue', assignee: MARIA.id, due: 'friday 5pm' }, 'due');
    expect(manila.choices[0]!.name).toMatch(/Asia\/Manila/);
    // A non-date option has nothing to preview.
    const none = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Book' }, 'title');
    expect(none.choices).toEqual([]);
  });

  it('/task new opens a modal as the first answer; its submission adds the task', async () => {
    const opened = await h.command(OLIVIA, ACME_CHANNEL, '/task new');
    expect(opened.answer.type).toBe(9);
    const modal = opened.record.callbacks[0]!.data;
    expect(modal.components.map((label: { component: { custom_id: string; type: number } }) => `${label.component.custom_id}:${label.component.type}`)).toEqual(['title:4', 'assignee:5', 'due:4', 'priority:3', 'project:4']);
    const submitted = await h.submit(OLIVIA, opened.record, { title: 'Prepare the Q4 deck', assignee: MARIA.id, due: 'friday 17:00' });
    expect(submitted.handled[0]!.invocation.input).toEqual({ kind: 'form', formId: 'task.new', privateValue: '', values: { title: 'Prepare the Q4 deck', assignee: mention(MARIA.id), due: 'friday 17:00', priority: 'normal' } });
    expect(submitted.answer.text).toMatch(/Prepare the Q4 deck/);
    expect((await tasks(h)).at(-1)).toMatchObject({ title: 'Prepare the Q4 deck', status: 'open' });
  });

  it('a form of more than 5 fields is asked in pages: the standup settings (8 fields) as 5 + 3', async () => {
    const opened = await h.command(OLIVIA, ACME_CHANNEL, '/standup edit');
    expect(opened.answer.type).toBe(9);
    const first = opened.record.callbacks[0]!.data;
    expect(first.components).toHaveLength(5);
    expect(first.title).toMatch(/\(1\/2\)$/);
    const page1 = await h.submit(OLIVIA, opened.record, { time: '10:15' });
    expect(page1.handled).toHaveLength(0);
    expect(page1.answer.ephemeral).toBe(true);
    const next = page1.answer.original!;
    const page2 = await h.click(OLIVIA, next, h.componentsOf(next)[0].label);
    const second = page2.record.callbacks[0]!.data;
    expect(second.components).toHaveLength(3);
    expect(second.title).toMatch(/\(2\/2\)$/);
    const saved = await h.submit(OLIVIA, page2.record, {}, next);
    expect(saved.handled[0]!.invocation.input).toMatchObject({ kind: 'form', formId: 'standup.settings', values: { time: '10:15', report: 'thread' } });
    const show = await h.command(OLIVIA, ACME_CHANNEL, '/standup show');
    expect(show.answer.text).toMatch(/10:15/);
  });

  it('a slow core call: the command is deferred within the deadline, then the reply is edited in (ephemeral) or posted in the channel', async () => {
    h.slow.ms = 2_200;
    try {
      h.fake.clear();
      const list = await h.command(MARIA, ACME_CHANNEL, '/task list');
      expect(list.record.callbacks[0]).toEqual({ type: 5, data: { flags: 64 } });
      const edit = h.fake.callsTo('PATCH', '/webhooks/:app/:token/messages/:message')[0]!;
      expect(edit.path).toContain(`/${list.record.token}/messages/@original`);
      expect(list.answer.text).toContain('#1');

      h.fake.clear();
      const added = await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Slow but sure', assignee: JO.id });
      expect(added.record.callbacks[0]!.type).toBe(5);
      // News for the channel: posted there, and the "thinking…" placeholder removed.
      const posted = h.fake.callsTo('POST', '/channels/:channel/messages').find((call) => call.path === `/channels/${ACME_CHANNEL}/messages`)!;
      expect(h.text(posted.body)).toContain('Slow but sure');
      expect(h.fake.callsTo('DELETE', '/webhooks/:app/:token/messages/:message')).toHaveLength(1);

      // A form after a defer cannot be a modal: a button opens it.
      const form = await h.command(OLIVIA, ACME_CHANNEL, '/task new');
      expect(form.record.callbacks[0]!.type).toBe(5);
      const button = h.componentsOf(form.answer.original!)[0];
      expect(button.custom_id).toMatch(/^rho\|/);
      h.slow.ms = 0;
      const opened = await h.click(OLIVIA, form.answer.original!, button.label);
      expect(opened.record.callbacks[0]!.type).toBe(9);
    } finally {
      h.slow.ms = 0;
    }
  });
});

describe('two guilds', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ guilds: [ACME, BETA] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('are two workspaces: the same person has separate tasks, and nothing of one is seen from the other', async () => {
    await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Acme Co' });
    await h.command(OLIVIA, BETA_CHANNEL, '/obm setup', { client: 'Beta Studio' });
    await h.command(OLIVIA, ACME_CHANNEL, '/task add', { title: 'Acme secret plan' });
    await h.command(OLIVIA, BETA_CHANNEL, '/task add', { title: 'Beta launch' });
    const workspaces = await h.rows<{ external_id: string }>(sql`select external_id from workspaces order by external_id`);
    expect(workspaces.map((row) => row.external_id)).toEqual([ACME.id, BETA.id].sort());
    const people = await h.rows<{ n: number }>(sql`select count(*)::int as n from people where platform_user_id = ${OLIVIA.id}`);
    expect(people[0]!.n).toBe(2);
    const beta = await h.command(OLIVIA, BETA_CHANNEL, '/task list');
    expect(beta.answer.text).toContain('Beta launch');
    expect(beta.answer.text).not.toContain('Acme secret plan');
    // Task #1 of Acme is not reachable from Beta, where #1 is Beta's own.
    const show = await h.command(OLIVIA, BETA_CHANNEL, '/task show', { number: 1 });
    expect(show.answer.text).toContain('Beta launch');
    expect(show.answer.text).not.toContain('Acme');
  });
});

describe('settings and help as Discord options', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await createDiscordHarness({ guilds: [ACME] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/obm setup takes the client, zone, language and days as typed options, and the team has them', async () => {
    const setup = await h.command(OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Bakkerij Jansen', zone: 'Europe/Amsterdam', language: 'nl', days: 'mon-thu' });
    expect(setup.handled[0]!.invocation.input).toEqual({ kind: 'command', command: '/obm', text: 'setup', options: { client: 'Bakkerij Jansen', zone: 'Europe/Amsterdam', language: 'nl', days: 'mon-thu' } });
    expect(setup.answer.ephemeral).toBe(false);
    expect(setup.answer.text).toContain('Bakkerij Jansen');
    expect(setup.answer.text).toContain('De taal van het team is nu Nederlands.');
    const [team] = await h.rows<{ client_name: string; zone: string; locale: string; working_days: number[] }>(sql`select client_name, zone, locale, working_days from teams`);
    expect(team).toMatchObject({ client_name: 'Bakkerij Jansen', zone: 'Europe/Amsterdam', locale: 'nl' });
    expect([...team!.working_days]).toEqual([1, 2, 3, 4]);

    const me = await h.command(MARIA, ACME_CHANNEL, '/obm me', { zone: 'Asia/Manila', hours: '08:00-16:00' });
    expect(me.answer.ephemeral).toBe(true);
    expect(me.answer.text).toContain('Asia/Manila');
    expect(me.answer.text).toContain('08:00-16:00');
  });

  it('autocompletes a zone option over IANA names and cities: “man” offers Asia/Manila', async () => {
    const { record, choices } = await h.autocomplete(MARIA, ACME_CHANNEL, '/obm me', { zone: 'man' }, 'zone');
    expect(record.callbacks[0]!.type).toBe(8);
    expect(choices[0]).toEqual({ name: expect.stringMatching(/^Manila \(UTC\+8/), value: 'Asia/Manila' });
    expect(choices.length).toBeLessThanOrEqual(25);
    const setup = await h.autocomplete(OLIVIA, ACME_CHANNEL, '/obm setup', { zone: 'Europe/Ams' }, 'zone');
    expect(setup.choices.map((choice) => choice.value)).toContain('Europe/Amsterdam');
    // Nothing typed yet: the common zones, so the list is never empty.
    expect((await h.autocomplete(OLIVIA, ACME_CHANNEL, '/obm setup', { zone: '' }, 'zone')).choices.length).toBeGreaterThan(5);
    // Picked from the list: the value is the IANA name, which /obm me takes as it is.
    expect((await h.command(JO, ACME_CHANNEL, '/obm me', { zone: choices[0]!.value })).answer.text).toContain('Asia/Manila');
  });

  it('/task help (a subcommand every family has on Discord) answers the family’s help in the team’s language', async () => {
    const help = await h.command(MARIA, ACME_CHANNEL, '/task help');
    expect(help.handled[0]!.invocation.input).toMatchObject({ kind: 'command', command: '/task', text: 'help' });
    expect(help.answer.ephemeral).toBe(true);
    expect(help.answer.text).toContain('/task add Weekrapport @sanne elke vrijdag');
    expect(help.answer.text).toContain('· alleen managers');
    const index = await h.command(MARIA, ACME_CHANNEL, '/obm help');
    expect(index.answer.text).toContain('/followup: Vraag later na of iets gedaan is');
    expect((await h.command(MARIA, ACME_CHANNEL, '/obm help', { command: 'standup' })).answer.text).toContain('/standup skip vrijdag');
  });
});
