import { createWorkspaceSecrets } from '../../src/db/workspace-secrets.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstallationStore } from '../../adapters/slack/slack.installations.js';
import type { FakeTeam } from '../fakes/slack-web-api.js';
import { createSlackHarness, SECRET_KEY, waitFor, type SlackHarness } from './harness.js';
import { dmMessage, envelope } from './payloads.js';

const ACME: FakeTeam = { id: 'T0ACME0001', name: 'Acme', token: 'xoxb-acme-installed', botUserId: 'U0BOTACME', botId: 'B0BOTACME' };
const GLOBEX: FakeTeam = { id: 'T0GLOBEX01', name: 'Globex', token: 'xoxb-globex-installed', botUserId: 'U0BOTGLOB', botId: 'B0BOTGLOB' };

/** The install flow as a browser walks it: /slack/install, Slack's consent (skipped), /slack/oauth_redirect. */
const install = async (h: SlackHarness, team: FakeTeam) => {
  const code = `code-${team.id}`;
  h.fake.oauthCode(code, team);
  const start = await fetch(`${h.http.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location')!);
  expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
  expect(location.searchParams.get('scope')).toBe('commands,chat:write,files:write,im:history,im:write,users:read,channels:read,groups:read,channels:history,groups:history,mpim:history');
  const state = location.searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const done = await fetch(`${h.http.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  return { status: done.status, body: await done.text() };
};

describe('multi-workspace OAuth installs', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await createSlackHarness({ auth: 'oauth', teams: [ACME, GLOBEX] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('installs through /slack/install and /slack/oauth_redirect, and keeps the installation encrypted', async () => {
    for (const team of [ACME, GLOBEX]) {
      const result = await install(h, team);
      expect(result.status).toBe(200);
    }
    expect(h.fake.callsTo('oauth.v2.access').map((call) => call.params.code)).toEqual([`code-${ACME.id}`, `code-${GLOBEX.id}`]);
    const rows = await h.rows<{ external_id: string; name: string; bot_token_encrypted: string }>(sql`select external_id, name, bot_token_encrypted from workspaces where platform = 'slack' order by external_id`);
    expect(rows.map((row) => [row.external_id, row.name])).toEqual([
      [ACME.id, 'Acme'],
      [GLOBEX.id, 'Globex'],
    ]);
    for (const row of rows) {
      expect(row.bot_token_encrypted).toMatch(/^v1\./);
      expect(row.bot_token_encrypted).not.toContain('xoxb');
    }
    const store = createInstallationStore({ secrets: createWorkspaceSecrets({ db: h.db }), key: SECRET_KEY });
    expect((await store.fetchInstallation({ teamId: GLOBEX.id, enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe(GLOBEX.token);
  });

  it('refuses an OAuth callback whose state does not match the browser’s cookie', async () => {
    h.fake.oauthCode('stolen', ACME);
    const forged = await fetch(`${h.http.url}/slack/oauth_redirect?code=stolen&state=forged-state`);
    expect(forged.status).not.toBe(200);
    expect(h.fake.callsTo('oauth.v2.access').some((call) => call.params.code === 'stolen')).toBe(false);
  });

  it('keeps two workspaces apart: their teams, tasks and tokens never cross', async () => {
    // The same channel id and user id in both workspaces, to be sure nothing is keyed on them alone.
    for (const team of [ACME, GLOBEX]) {
      await h.run('U0OWNER01', 'C0GENERAL', `/obm setup ${team.name} client`, { teamId: team.id });
      await h.run('U0OWNER01', 'C0GENERAL', `/task add Secret plan of ${team.name} <@U0HELPER1>`, { teamId: team.id });
    }
    const acmeList = await h.run('U0OWNER01', 'C0GENERAL', '/task list all', { teamId: ACME.id });
    const globexList = await h.run('U0OWNER01', 'C0GENERAL', '/task list all', { teamId: GLOBEX.id });
    expect(acmeList.responses[0]!.params.text).toContain('Secret plan of Acme');
    expect(acmeList.responses[0]!.params.text).not.toContain('Globex');
    expect(globexList.responses[0]!.params.text).toContain('Secret plan of Globex');
    expect(globexList.responses[0]!.params.text).not.toContain('Acme');

    h.fake.clear();
    // The fake users are in Europe/London: their assignment DMs wait for 09:00.
    await h.advanceTo('2026-11-23T09:00:00Z');
    const dms = h.fake.callsTo('chat.postMessage');
    expect(dms.map((call) => [call.team, call.token, call.params.text.split('\n')[1]]).sort()).toEqual([
      [ACME.id, ACME.token, '#1 Secret plan of Acme'],
      [GLOBEX.id, GLOBEX.token, '#1 Secret plan of Globex'],
    ]);
    // Each workspace's users.info went out with its own token.
    for (const call of h.fake.callsTo('users.info')) expect(call.token).toBe(call.team === ACME.id ? ACME.token : GLOBEX.token);
  });

  it('ignores a workspace where Righthand is not installed', async () => {
    const before = h.handled.length;
    const answer = await h.event(envelope({ teamId: 'T0STRANGER', event: dmMessage({ user: 'U0X', channel: 'D0X', text: 'hi' }) }));
    expect(answer.status).toBe(200);
    const probe = envelope({ teamId: ACME.id, event: dmMessage({ user: 'U0OWNER01', channel: 'D0OWNER01', text: 'hi' }) });
    await h.event(probe);
    await waitFor(() => h.handled.length > before, 'the probe');
    expect(h.handled.slice(before).map((entry) => entry.invocation.workspace.externalId)).toEqual([ACME.id]);
  });

  it('app_uninstalled and tokens_revoked delete the installation (not the workspace’s data)', async () => {
    await h.event(envelope({ teamId: GLOBEX.id, event: { type: 'app_uninstalled', event_ts: '1767004000.000100' } }));
    await h.event(envelope({ teamId: ACME.id, event: { type: 'tokens_revoked', tokens: { bot: [ACME.botUserId] }, event_ts: '1767004000.000200' } }));
    const installed = async () => (await h.rows<{ n: number }>(sql`select count(*)::int as n from workspaces where platform = 'slack' and bot_token_encrypted is not null`))[0]!.n;
    await waitFor(async () => (await installed()) === 0, 'both installations deleted');
    const rows = await h.rows<{ external_id: string }>(sql`select external_id from workspaces where platform = 'slack' order by external_id`);
    expect(rows.map((row) => row.external_id)).toEqual([ACME.id, GLOBEX.id]);
    expect((await h.rows<{ n: number }>(sql`select count(*)::int as n from tasks`))[0]!.n).toBe(2);

    // Nothing goes out to an uninstalled workspace any more: the outbox gives up on it for good.
    const sent = await h.adapter.port.send({ deliveryId: 99, workspaceExternalId: GLOBEX.id, target: { kind: 'channel', channelId: 'C0GENERAL' }, message: { text: 'x' } });
    expect(sent).toMatchObject({ ok: false, kind: 'permanent', reason: 'other' });
  });
});
