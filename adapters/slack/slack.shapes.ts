import { z } from 'zod';

/**
 * The shapes of what Slack posts to /slack/events, as far as Bolt and Righthand's listeners (slack.inbound.ts)
 * read them: a request that is correctly signed but not one of these (`payload=null`, a JSON `null`, a slash
 * command without `user_id`, a DM event without `user`) is refused with 400 before Bolt sees it. Bolt reads
 * `body.ssl_check` of whatever it parsed, so a `null` body throws inside its receiver, out of reach of any
 * handler; and a missing id reaches the core as `undefined`. Everything else Slack sends (fields added later,
 * events Righthand does not listen to) passes: a refusal makes Slack retry and, repeated, turn events off.
 */

const id = z.string().min(1);

/** A slash command: form fields, every one a string (a repeated field parses to an array, which is refused). */
const slashCommand = z.object({
  command: z.string().startsWith('/'),
  text: z.string().optional(),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  channel_name: z.string().optional(),
  team_id: id,
  trigger_id: id,
  response_url: id,
});

const user = z.object({ id, name: z.string().optional(), username: z.string().optional(), team_id: z.string().optional() });
const team = z.object({ id }).nullish();

const blockActions = z
  .object({
    user,
    team,
    trigger_id: id,
    container: z.object({ type: z.string().optional(), channel_id: z.string().optional(), message_ts: z.string().optional() }),
    channel: z.object({ id }).nullish(),
    view: z.object({ id, type: z.string().optional(), hash: z.string().optional() }).nullish(),
    actions: z.array(z.object({ action_id: id, value: z.string().optional(), selected_option: z.object({ value: z.string().optional() }).nullish(), selected_user: z.string().nullish() })).min(1),
  })
  .refine((body) => Boolean(body.team?.id ?? body.user.team_id), { message: 'no team id' });

const viewSubmission = z.object({
  user,
  team,
  trigger_id: z.string().optional(),
  view: z.object({ id, callback_id: z.string(), private_metadata: z.string().optional(), team_id: z.string().optional(), state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }).optional() }),
});

/** A DM typed to the bot: the one message event Righthand answers (slack.inbound.ts skips the rest by these fields). */
const isDmToBot = (event: Record<string, unknown>) => event.channel_type === 'im' && event.subtype === undefined && !event.bot_id;
const dmToBot = z.object({ user: id, channel: id, ts: id, text: z.string().optional() });

/** The events Righthand listens to, by the fields its listeners read; any other event only needs a type. */
const knownEvents: Record<string, z.ZodType> = {
  message: z.looseObject({}).superRefine((event, ctx) => {
    const parsed = isDmToBot(event) ? dmToBot.safeParse(event) : null;
    if (parsed && !parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }),
  app_home_opened: z.object({ user: id, tab: z.string().optional() }),
  user_change: z.object({ user: z.object({ id }) }),
  tokens_revoked: z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }) }),
};

const eventCallback = z.object({
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  event_id: z.string().optional(),
  event: z.looseObject({ type: id }).superRefine((event, ctx) => {
    const parsed = knownEvents[event.type]?.safeParse(event);
    if (parsed && !parsed.success) ctx.addIssue({ code: 'custom', message: `${event.type} event: ${summary(parsed.error)}` });
  }),
}).refine((body) => Boolean(body.team_id ?? body.enterprise_id), { message: 'no team id' });

const urlVerification = z.object({ challenge: z.string() });

/**
 * The schema for a body of this `type`: interactions (form-encoded `payload`) and Events API envelopes (JSON)
 * Righthand reads; none for a type it has no listener for (view_closed, shortcuts, app_rate_limited). Bolt
 * does not acknowledge those by itself: with no listener it waits 3 s, logs an error and answers 404, so the
 * gate answers them (see `unlistenedType`).
 */
const INTERACTIONS: Record<string, z.ZodType> = { block_actions: blockActions, view_submission: viewSubmission };
const ENVELOPES: Record<string, z.ZodType> = { event_callback: eventCallback, url_verification: urlVerification };
const schemaOf = (type: string, form: boolean): z.ZodType | null => (form ? INTERACTIONS : ENVELOPES)[type] ?? null;

const summary = (error: z.ZodError): string => error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a parsed request body (as Bolt parses it: a form's `payload` field as JSON, otherwise the
 * form fields, or the JSON body), or null when it is one of Slack's shapes. `form` says it came form-encoded.
 */
export const slackBodyProblem = (body: unknown, { form }: { form: boolean }): string | null => {
  if (!isRecord(body)) return `not an object (${body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body})`;
  if (form && body.ssl_check === '1') return null;
  // A form without a `type` is a slash command; with one, an interaction's `payload`.
  if (form && !('type' in body)) return problemOf(slashCommand, body);
  if (typeof body.type !== 'string' || body.type === '') return 'no type';
  const schema = schemaOf(body.type, form);
  return schema ? problemOf(schema, body) : null;
};

/**
 * The type of a body that passed `slackBodyProblem` but that no Righthand listener takes (a shortcut, a
 * view_closed, an app_rate_limited notice): acknowledged as it comes, with nothing to do. Null for the rest.
 */
export const unlistenedType = (body: unknown, { form }: { form: boolean }): string | null => {
  if (!isRecord(body) || typeof body.type !== 'string') return null;
  return schemaOf(body.type, form) ? null : body.type;
};

const problemOf = (schema: z.ZodType, body: unknown): string | null => {
  const parsed = schema.safeParse(body);
  return parsed.success ? null : summary(parsed.error);
};
