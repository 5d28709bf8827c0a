import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/database.js';
import { ACME_CHANNEL, JO, MARIA, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import type { SlackHarness } from '../slack/harness.js';
import { ACME, S_OLIVIA, closeTwoPlatforms, codeIn, openTwoPlatforms } from './two-platforms.js';

const S_MARIA = 'U0MARIA01';
const S_JO = 'U0JOJOJO1';
const START = '2026-12-02T09:00:00Z';

/**
 * One OBM on Slack and on Discord, both adapters in this one process on one database: a code made on one
 * links the person who types it on the other, once, within 15 minutes, and five wrong codes lock linking.
 */
describe.each(testDatabases())('linking identities across Slack and Discord on $driver', ({ open }) => {
  let slack: SlackHarness;
  let discord: DiscordHarness;

  beforeAll(async () => {
    const handle = await open();
    ({ slack, discord } = await openTwoPlatforms(handle, START));
    slack.fake.addUser({ id: S_MARIA, name: 'maria', profile: { display_name: 'Maria' }, tz: 'Asia/Manila' });
    slack.fake.addUser({ id: S_JO, name: 'jo', profile: { display_name: 'Jo' }, tz: 'America/New_York' });
    await slack.run(S_OLIVIA, ACME, '/obm setup Acme Co');
    await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm setup', { client: 'Beta Studio', zone: 'Europe/Amsterdam' });
  });
  afterAll(async () => {
    await closeTwoPlatforms({ slack, discord });
  });

  const slackSays = async (user: string, line: string) => {
    const { responses } = await slack.run(user, ACME, line);
    expect(responses[0]!.params.response_type).toBe('ephemeral');
    return String(responses[0]!.params.text);
  };
  const discordSays = async (user: typeof D_OLIVIA, line: string, values: Record<string, string | number> = {}) => {
    const { answer } = await discord.command(user, ACME_CHANNEL, line, values);
    expect(answer.ephemeral).toBe(true);
    return answer.text;
  };
  const groups = () => slack.rows<{ person: string; platform: string }>(sql`select p.display_name as person, w.platform from identity_links l join people p on p.id = l.person_id join workspaces w on w.id = p.workspace_id order by w.platform`);

  it('links the person who types the code, once, and tells only them', async () => {
    const made = await slackSays(S_OLIVIA, '/obm link');
    const code = codeIn(made);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(made).toContain('(until Wed 2 Dec, 10:15 (Europe/Amsterdam))');
    expect(made).toContain('ties you there to you here (Slack · Olivia). Only you see this.');
    // Only its hash is kept, nowhere the code itself.
    const stored = await slack.rows<{ code_hash: string }>(sql`select code_hash from link_codes`);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));

    // Her own code in the same place links nothing; nor does a colleague of the same workspace.
    expect(await slackSays(S_OLIVIA, `/obm link ${code}`)).toBe('That code is yours from here: type it in your other workspace or server.');
    expect(await slackSays(S_MARIA, `/obm link ${code}`)).toBe('That code was made in this workspace: a code links you in two different workspaces or servers.');
    expect(await groups()).toEqual([]);

    // Typed in lower case without the dashes on Discord: linked.
    const linked = await discordSays(D_OLIVIA, '/obm link', { code: code.replace(/-/g, '').toLowerCase() });
    expect(linked).toMatch(/^Linked: you here and Slack · Olivia are now one person to Righthand\./);
    expect(await groups()).toEqual([{ person: 'Olivia', platform: 'discord' }, { person: 'Olivia', platform: 'slack' }]);

    // Single use: Jo on Discord cannot use it again, and is linked to no one.
    expect(await discordSays(JO, '/obm link', { code })).toBe('That code was used already: get a new one with /obm link.');
    expect(await groups()).toHaveLength(2);

    // Each side lists the other; Maria, who linked nothing, sees nothing of Olivia's links.
    expect(await slackSays(S_OLIVIA, '/obm links')).toMatch(/^You here \(Slack · Olivia\) are linked with:\n1\. Discord · Acme Community · Olivia · since Wed 2 Dec$/);
    expect(await discordSays(D_OLIVIA, '/obm links')).toMatch(/^You here \(Discord · Acme Community · Olivia\) are linked with:\n1\. Slack · Olivia · since Wed 2 Dec$/);
    expect(await discordSays(MARIA, '/obm links')).toBe('You are not linked with another workspace or server. /obm link gives you a code to link one.');
    expect(await slackSays(S_MARIA, '/obm links')).toBe('You are not linked with another workspace or server. /obm link gives you a code to link one.');
  });

  it('lets a code lapse after 15 minutes, and replaces an older code with a newer one', async () => {
    const first = codeIn(await slackSays(S_MARIA, '/obm link'));
    const second = codeIn(await slackSays(S_MARIA, '/obm link'));
    // The first stopped working when the second was made: it is as unknown as a guess.
    expect(await discordSays(MARIA, '/obm link', { code: first })).toBe('That code is not valid. Get a new one with /obm link in your other workspace or server (4 tries left).');
    await discord.advanceTo('2026-12-02T09:16:00Z');
    expect(await discordSays(MARIA, '/obm link', { code: second })).toBe('That code has expired (a code lasts 15 minutes): get a new one with /obm link.');
    expect((await groups()).filter((row) => row.person === 'Maria')).toEqual([]);
  });

  it('locks linking for an hour after five wrong codes, the right one included, then lets it through', async () => {
    await slack.advanceTo('2026-12-02T09:20:00Z');
    const right = codeIn(await slackSays(S_JO, '/obm link'));
    const wrong = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345';
    const answers: string[] = [];
    for (let n = 0; n < 5; n++) answers.push(await discordSays(JO, '/obm link', { code: wrong }));
    expect(answers.map((answer) => /\((\d) tr/.exec(answer)?.[1] ?? answer)).toEqual(['4', '3', '2', '1', 'Linking is locked after five wrong codes; try again after Wed 2 Dec, 11:16 (Europe/Amsterdam).']);
    expect(await discordSays(JO, '/obm link', { code: right })).toBe('Linking is locked after five wrong codes; try again after Wed 2 Dec, 11:16 (Europe/Amsterdam).');
    // Not even a new code while locked, and a garbled one is refused without counting.
    expect(await discordSays(JO, '/obm link')).toMatch(/^Linking is locked/);
    expect((await groups()).filter((row) => row.person === 'Jo')).toEqual([]);

    await discord.advanceTo('2026-12-02T10:17:00Z');
    expect(await discordSays(JO, '/obm link', { code: 'nonsense' })).toBe('A link code has 28 letters and digits in groups of four; /obm link alone gives you one.');
    const fresh = codeIn(await slackSays(S_JO, '/obm link'));
    await slack.advanceTo('2026-12-02T10:17:00Z');
    const again = codeIn(await slackSays(S_JO, '/obm link'));
    expect(again).not.toBe(fresh);
    expect(await discordSays(JO, '/obm link', { code: again })).toMatch(/^Linked: you here and Slack · Jo are/);
  });

  it('unlinks by number, and answers a number that is not there', async () => {
    expect(await discordSays(D_OLIVIA, '/obm unlink', { number: '9' })).toBe('There is no link 9: /obm links lists your links.');
    expect(await slackSays(S_OLIVIA, '/obm unlink one')).toBe('Say the number of the link in /obm links, e.g. /obm unlink 1.');
    expect(await slackSays(S_OLIVIA, '/obm unlink 1')).toMatch(/^Unlinked: Discord · Acme Community · Olivia\. Righthand treats it as someone else again\.$/);
    expect(await discordSays(D_OLIVIA, '/obm links')).toBe('You are not linked with another workspace or server. /obm link gives you a code to link one.');
    expect((await groups()).map((row) => row.person)).toEqual(['Jo', 'Jo']);
  });
});
