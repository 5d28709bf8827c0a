import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// ---- Slack (adapters/slack): one workspace with a bot token, or many through OAuth; HTTP or Socket Mode

const PORT_RULE = 'must be a port number from 1 to 65535';
const KEY_RULE = 'must be 32 random bytes, as 64 hex characters or base64 (openssl rand -base64 32)';
const secret = (rule = 'must not be empty') => z.string().trim().min(1, { message: rule }).optional();
const prefixed = (prefix: string, what: string) =>
  z
    .string()
    .trim()
    .refine((value) => value.startsWith(prefix), { message: `must be ${what} (it starts with ${prefix})` })
    .optional();

/** RIGHTHAND_SECRET_KEY as 32 bytes, or null when it is not 32 bytes in hex or base64. */
const secretKeyBytes = (value: string): Buffer | null => {
  const bytes = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : /^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(value) ? Buffer.from(value, 'base64') : null;
  return bytes?.length === 32 ? bytes : null;
};

const slackVariables = {
  PORT: z.coerce.number({ message: PORT_RULE }).int({ message: PORT_RULE }).min(1, { message: PORT_RULE }).max(65535, { message: PORT_RULE }).default(3000),
  SLACK_SIGNING_SECRET: secret(),
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'a bot token'),
  SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token with connections:write'),
  SLACK_CLIENT_ID: secret(),
  SLACK_CLIENT_SECRET: secret(),
  SLACK_STATE_SECRET: secret(),
  RIGHTHAND_SECRET_KEY: z.string().trim().refine((value) => secretKeyBytes(value) !== null, { message: KEY_RULE }).optional(),
  SLACK_API_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/\S+$/.test(value) && URL.canParse(value), { message: 'must be an http:// or https:// URL such as https://slack.com/api/' })
    .optional(),
};

type SlackVariables = z.infer<z.ZodObject<typeof slackVariables>>;

export type SlackConfig = {
  /** 'http': Slack posts to /slack/events (needs the signing secret); 'socket': Socket Mode (needs SLACK_APP_TOKEN). */
  mode: 'http' | 'socket';
  /** The HTTP server: /slack/events in HTTP mode, the OAuth pages, /healthz. */
  port: number;
  signingSecret: string | null;
  appToken: string | null;
  /** Web API base URL, ending in a slash; null is Slack's own. */
  apiUrl: string | null;
  auth: { kind: 'token'; botToken: string } | { kind: 'oauth'; clientId: string; clientSecret: string; stateSecret: string; secretKey: Buffer };
};

/** Slack's variables belong together; the first missing or conflicting one is named, with what to do. */
const slackConfigOf = (value: SlackVariables): SlackConfig | string | undefined => {
  const oauth = value.SLACK_CLIENT_ID ?? value.SLACK_CLIENT_SECRET ?? value.SLACK_STATE_SECRET;
  if ((value.SLACK_BOT_TOKEN ?? value.SLACK_APP_TOKEN ?? value.SLACK_SIGNING_SECRET ?? oauth) === undefined) return undefined;
  if (value.SLACK_BOT_TOKEN && oauth) return 'SLACK_BOT_TOKEN cannot be combined with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET: set the bot token for one workspace, or the OAuth variables for many';
  if (!value.SLACK_BOT_TOKEN && !oauth) return 'SLACK_BOT_TOKEN is required to run in Slack (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and RIGHTHAND_SECRET_KEY for multi-workspace OAuth)';
  const mode = value.SLACK_APP_TOKEN ? 'socket' : 'http';
  if (mode === 'http' && !value.SLACK_SIGNING_SECRET) return 'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)';
  let auth: SlackConfig['auth'];
  if (value.SLACK_BOT_TOKEN) {
    auth = { kind: 'token', botToken: value.SLACK_BOT_TOKEN };
  } else {
    for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'RIGHTHAND_SECRET_KEY'] as const) {
      if (!value[name]) return `${name} is required for multi-workspace OAuth (with ${['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'].filter((other) => value[other as keyof SlackVariables]).join(', ')})`;
    }
    auth = { kind: 'oauth', clientId: value.SLACK_CLIENT_ID!, clientSecret: value.SLACK_CLIENT_SECRET!, stateSecret: value.SLACK_STATE_SECRET!, secretKey: secretKeyBytes(value.RIGHTHAND_SECRET_KEY!)! };
  }
  const apiUrl = value.SLACK_API_URL ? (value.SLACK_API_URL.endsWith('/') ? value.SLACK_API_URL : `${value.SLACK_API_URL}/`) : null;
  return { mode, port: value.PORT, signingSecret: value.SLACK_SIGNING_SECRET ?? null, appToken: value.SLACK_APP_TOKEN ?? null, apiUrl, auth };
};

// ---- Discord (adapters/discord): one bot token for every guild it is in; sharding past 2,500 guilds

const SNOWFLAKE_RULE = 'must be the application id from the Developer Portal (General Information > Application ID), a number of 17 to 20 digits';

const discordVariables = {
  DISCORD_TOKEN: z
    .string()
    .trim()
    .refine((value) => /^[A-Za-z0-9_.-]{50,}$/.test(value.replace(/^Bot\s+/i, '')), { message: 'must be the bot token from the Developer Portal (Bot > Reset Token), without the "Bot " prefix' })
    .optional(),
  DISCORD_APPLICATION_ID: z.string().trim().regex(/^\d{17,20}$/, { message: SNOWFLAKE_RULE }).optional(),
  DISCORD_API_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/\S+$/.test(value) && URL.canParse(value), { message: 'must be an http:// or https:// URL of the REST API without the version, such as https://discord.com/api' })
    .optional(),
  DISCORD_SHARDS: z.enum(['auto'], { message: 'must be auto (or unset for one gateway connection)' }).optional(),
};

type DiscordVariables = z.infer<z.ZodObject<typeof discordVariables>>;

export type DiscordConfig = {
  token: string;
  applicationId: string;
  /** REST base without the version (discord.js `rest.api`), no trailing slash; null is Discord's own. The gateway address comes from its /gateway/bot. */
  apiUrl: string | null;
  /** 'auto': discord.js's ShardingManager with the shard count Discord recommends; null: one connection. */
  shards: 'auto' | null;
};

/** Discord's variables belong together: the token and the application id, or neither. */
const discordConfigOf = (value: DiscordVariables & { DATABASE_URL?: string | undefined }, slack: boolean): DiscordConfig | string | undefined => {
  if ((value.DISCORD_TOKEN ?? value.DISCORD_APPLICATION_ID ?? value.DISCORD_API_URL ?? value.DISCORD_SHARDS) === undefined) return undefined;
  if (!value.DISCORD_TOKEN) return 'DISCORD_TOKEN is required to run in Discord (the bot token from the Developer Portal, Bot > Reset Token)';
  if (!value.DISCORD_APPLICATION_ID) return 'DISCORD_APPLICATION_ID is required with DISCORD_TOKEN (General Information > Application ID in the Developer Portal)';
  if (value.DISCORD_SHARDS === 'auto' && !value.DATABASE_URL) return 'DISCORD_SHARDS=auto needs DATABASE_URL: every shard is its own process, and the embedded database (PGlite) serves one process';
  if (value.DISCORD_SHARDS === 'auto' && slack) return 'DISCORD_SHARDS=auto cannot run beside Slack in one process: run Slack in a process of its own (without the Discord variables)';
  return {
    token: value.DISCORD_TOKEN.replace(/^Bot\s+/i, ''),
    applicationId: value.DISCORD_APPLICATION_ID,
    apiUrl: value.DISCORD_API_URL ? value.DISCORD_API_URL.replace(/\/+$/, '') : null,
    shards: value.DISCORD_SHARDS ?? null,
  };
};

/** Every variable Righthand reads, with its rule. The README's configuration table mirrors this. */
const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATA_DIR: z.string().trim().min(1, { message: 'must not be empty' }).default('./data'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
  TICK_SECONDS: z.coerce
    .number({ message: 'must be a whole number of seconds from 1 to 30' })
    .int({ message: 'must be a whole number of seconds from 1 to 30' })
    .min(1, { message: 'must be a whole number of seconds from 1 to 30' })
    .max(30, { message: 'must be a whole number of seconds from 1 to 30' })
    .default(5),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((value) => /^https?:\/\/[^\s?#]+$/.test(value) && URL.canParse(value), { message: 'must be the http:// or https:// address people reach the bot at, such as https://righthand.example.com (no query)' })
    .optional(),
  ...slackVariables,
  ...discordVariables,
});

export type Config = {
  databaseUrl: string | null;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number] | null;
  tickSeconds: number;
  /**
   * The address people reach the bot at (PUBLIC_URL, no trailing slash): the calendar feed URLs start with it,
   * and with it the HTTP server runs in every mode, not only with Slack. Null: no feeds.
   */
  publicUrl: string | null;
  /** The HTTP server's port (PORT): /healthz, the feeds, Slack's routes. */
  port: number;
  /** Absent when no Slack variable is set. */
  slack?: SlackConfig;
  /** Absent when no Discord variable is set. */
  discord?: DiscordConfig;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the environment. Empty strings count as unset (a blank line in an .env file), and an error names
 * the variable and the rule, never the value: some values are secrets.
 */
export const loadConfig = (env: NodeJS.ProcessEnv): Config => {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${String(issue.path[0])} ${issue.message}.`);
  }
  const value = parsed.data;
  const slack = slackConfigOf(value);
  if (typeof slack === 'string') throw new ConfigError(`Configuration error: ${slack}.`);
  const discord = discordConfigOf(value, slack !== undefined);
  if (typeof discord === 'string') throw new ConfigError(`Configuration error: ${discord}.`);
  return { databaseUrl: value.DATABASE_URL ?? null, dataDir: value.DATA_DIR, logLevel: value.LOG_LEVEL ?? null, tickSeconds: value.TICK_SECONDS, publicUrl: value.PUBLIC_URL ? value.PUBLIC_URL.replace(/\/+$/, '') : null, port: value.PORT, ...(slack ? { slack } : {}), ...(discord ? { discord } : {}) };
};
