import type { ChartRenderer } from '../../src/core/ports.js';
import { createWorkspaceSecrets } from '../../src/db/workspace-secrets.js';
import { randomBytes } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { createInstallationStore, createSlackAdapter, startHttpServer, type SlackAdapter } from '../../adapters/slack/index.js';
import type { SlackConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { createControllableClock } from '../../src/core/clock.js';
import { coreJobs, coreModules } from '../../src/core/modules/index.js';
import { silentLogger, type ChatPort, type Logger, type Platform } from '../../src/core/ports.js';
import type { DatabaseHandle } from '../../src/db/client.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { openPgliteCopy, queryRows } from '../helpers/database.js';
import { commandBody, eventBody, interactionBody, postSigned, type SignOptions, type SlackBody } from '../fakes/slack-signing.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack, type FakeTeam, type SlackCall } from '../fakes/slack-web-api.js';
import { timeTravel } from '../helpers/time-travel.js';
import { trackBot } from '../helpers/tracked-bot.js';

export const SIGNING_SECRET = 'test-signing-secret';
export const SECRET_KEY = Buffer.alloc(32, 7);
/** The fake Slack has no 3 s deadline, but Bolt's receiver answers an unacked request itself after 3 s: room for two busy cores below that. */
const FORM_ACK_IN_TESTS_MS = 2_800;

/** Polls until `check` holds (the adapter answers Slack first and works after the ack, as it must). */
export const waitFor = async <T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what = 'condition', timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

export interface HarnessOptions {
  mode?: 'http' | 'socket';
  auth?: 'token' | 'oauth';
  teams?: FakeTeam[];
  start?: string;
  handle?: DatabaseHandle;
  /** How long a modal's submission may wait for the core before its ack (the adapter's option). */
  formAckWithinMs?: number;
  /** Where the bot, adapter and scheduler log (silent unless a test reads what was logged). */
  logger?: Logger;
  /** How often the adapter looks for accepted work other instances left (the adapter's option). */
  recoverEveryMs?: number;
  /** Draws the digest's chart (src/charts); none by default. */
  charts?: ChartRenderer | null;
}

/**
 * The real bot, outbox and database behind the real Slack adapter (Bolt and its receivers), talking to a
 * local fake Slack. Requests are signed as Slack signs them.
 */
export const createSlackHarness = async (options: HarnessOptions = {}) => {
  const teams = options.teams ?? [DEFAULT_TEAM];
  const logger = options.logger ?? silentLogger;
  const fake: FakeSlack = await startFakeSlack({ teams: options.auth === 'oauth' ? [] : teams });
  const handle = options.handle ?? (await openPgliteCopy());
  const clock = createControllableClock({ start: new Date(options.start ?? '2026-11-23T08:00:00Z'), frozen: true });
  const bot = createBot({ db: handle.db, acceptDb: handle.acceptDb, clock, logger, modules: coreModules, jobs: coreJobs, charts: options.charts ?? null });
  // Accepted work (commands, clicks, submissions) runs through `accepted`: recorded like `handle` once it ran.
  const { handled, slow, handle: handleTracked, accepted } = trackBot(bot);
  const tracked = { handle: handleTracked, home: bot.home, accepted };
  const http = await startHttpServer({ port: 0, host: '127.0.0.1', logger });
  const mode = options.mode ?? 'http';
  const config: SlackConfig = {
    mode,
    port: http.port,
    signingSecret: SIGNING_SECRET,
    appToken: mode === 'socket' ? 'xapp-fake' : null,
    apiUrl: fake.apiUrl,
    auth: options.auth === 'oauth' ? { kind: 'oauth', clientId: '111.222', clientSecret: 'client-secret', stateSecret: 'state-secret', secretKey: SECRET_KEY } : { kind: 'token', botToken: teams[0]!.token },
  };
  const installationStore = options.auth === 'oauth' ? createInstallationStore({ secrets: createWorkspaceSecrets({ db: handle.db }), key: SECRET_KEY }) : undefined;
  const adapter: SlackAdapter = createSlackAdapter({ bot: tracked, config, logger, http, retryConfig: { retries: 0 }, formAckWithinMs: options.formAckWithinMs ?? FORM_ACK_IN_TESTS_MS, ...(options.recoverEveryMs ? { recoverEveryMs: options.recoverEveryMs } : {}), ...(installationStore ? { installationStore } : {}) });
  const ports = new Map<Platform, ChatPort>([['slack', adapter.port]]);
  const scheduler = createScheduler({ db: handle.db, bot, clock, logger, ports });
  await adapter.start();
  http.setReady(true);

  const eventsUrl = `${http.url}/slack/events`;
  const post = (body: SlackBody, sign: Partial<SignOptions> = {}) => postSigned(eventsUrl, body, { secret: SIGNING_SECRET, ...sign });
  let triggers = 0;
  const team = (id?: string) => teams.find((candidate) => candidate.id === id) ?? teams[0]!;

  /** A slash command as Slack posts it; resolves once the command's answer reached the response_url. */
  const command = async (user: string, channel: string, line: string, { teamId, sign }: { teamId?: string; sign?: Partial<SignOptions> } = {}) => {
    const [name = '', ...rest] = line.trim().split(' ');
    const responseUrl = fake.responseUrl();
    const triggerId = `${++triggers}.${randomBytes(4).toString('hex')}`;
    const before = handled.length;
    const result = await post(
      commandBody({
        token: 'verification-token',
        team_id: team(teamId).id,
        team_domain: team(teamId).name.toLowerCase(),
        channel_id: channel,
        channel_name: channel.startsWith('D') ? 'directmessage' : channel.toLowerCase(),
        user_id: user,
        user_name: user.toLowerCase(),
        command: name,
        text: rest.join(' '),
        api_app_id: 'A0RIGHT01',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: triggerId,
      }),
      sign,
    );
    return { ...result, responseUrl, triggerId, handledBefore: before };
  };

  /** The answers posted to one response_url. */
  const responsesTo = (responseUrl: string): SlackCall[] => fake.callsTo('response_url').filter((call) => responseUrl.endsWith(`/response/${call.params.responseId}`));

  /** Runs a command and waits for its first answer on the response_url (or, for a modal, views.open). */
  const run = async (user: string, channel: string, line: string, extra: { teamId?: string } = {}) => {
    const sent = await command(user, channel, line, extra);
    await waitFor(() => handled.length > sent.handledBefore, `the bot to handle ${line}`);
    const reply = handled[sent.handledBefore]!.reply;
    if (reply.kind === 'form') await waitFor(() => fake.callsTo('views.open').find((call) => call.params.trigger_id === sent.triggerId), 'views.open');
    else if (reply.kind !== 'none') await waitFor(() => responsesTo(sent.responseUrl).length > 0, `an answer to ${line}`);
    return { ...sent, reply, responses: responsesTo(sent.responseUrl) };
  };

  return {
    fake,
    handle,
    db: handle.db,
    bot,
    clock,
    scheduler,
    adapter,
    http,
    handled,
    slow,
    eventsUrl,
    post,
    command,
    run,
    responsesTo,
    /** Rows of a raw query, on either driver. */
    rows: <T>(statement: SQL) => queryRows<T>(handle, statement),
    event: (envelope: unknown, sign: Partial<SignOptions> = {}) => post(eventBody(envelope), sign),
    interact: (payload: unknown, sign: Partial<SignOptions> = {}) => post(interactionBody(payload), sign),
    ...timeTravel({ clock, scheduler }),
    close: async () => {
      await adapter.stop();
      await http.close();
      await fake.close();
      if (!options.handle) await handle.close();
    },
  };
};

export type SlackHarness = Awaited<ReturnType<typeof createSlackHarness>>;
