import { createHmac } from 'node:crypto';

/**
 * Slack's request signing (v0): HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret, hex,
 * in `X-Slack-Signature`, beside `X-Slack-Request-Timestamp` (seconds).
 */
export const slackSignature = ({ secret, timestamp, body }: { secret: string; timestamp: number; body: string }): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

export type SlackBody = { kind: 'json'; value: unknown } | { kind: 'form'; value: Record<string, string> };

/** An Events API envelope is JSON; a slash command is a form; an interaction is a form with one `payload` field. */
export const eventBody = (envelope: unknown): SlackBody => ({ kind: 'json', value: envelope });
export const commandBody = (fields: Record<string, string>): SlackBody => ({ kind: 'form', value: fields });
export const interactionBody = (payload: unknown): SlackBody => ({ kind: 'form', value: { payload: JSON.stringify(payload) } });

const encode = (body: SlackBody): { raw: string; contentType: string } =>
  body.kind === 'json' ? { raw: JSON.stringify(body.value), contentType: 'application/json' } : { raw: new URLSearchParams(body.value).toString(), contentType: 'application/x-www-form-urlencoded' };

export interface SignOptions {
  secret: string;
  /** Seconds; now unless given (tests play stale and future timestamps). */
  timestamp?: number;
  /** Sign with this secret instead (a forgery). */
  forgeWith?: string;
  /** Leave a header out. */
  omit?: 'signature' | 'timestamp';
  /** Slack's retry headers, as on a redelivered event. */
  retryNum?: number;
}

/** The headers and raw body of a request as Slack would send it. */
export const signedRequest = (body: SlackBody, options: SignOptions): { headers: Record<string, string>; raw: string } => {
  const { raw, contentType } = encode(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': contentType };
  if (options.omit !== 'timestamp') headers['x-slack-request-timestamp'] = String(timestamp);
  if (options.omit !== 'signature') headers['x-slack-signature'] = slackSignature({ secret: options.forgeWith ?? options.secret, timestamp, body: raw });
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return { headers, raw };
};

/** POSTs a signed request (to `/slack/events`) and returns the status and body text. */
export const postSigned = async (url: string, body: SlackBody, options: SignOptions): Promise<{ status: number; text: string }> => {
  const { headers, raw } = signedRequest(body, options);
  const response = await fetch(url, { method: 'POST', headers, body: raw });
  return { status: response.status, text: await response.text() };
};
