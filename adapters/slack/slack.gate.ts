import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions, isValidSlackRequest, type BufferedIncomingMessage } from '@slack/bolt';
import type { Logger } from '../../src/core/ports.js';
import { errorMessage } from '../../src/core/errors.js';
import { slackBodyProblem, unlistenedType } from './slack.shapes.js';

const answer = (res: ServerResponse, status: number, { close = false } = {}) => {
  // A body left unread (over the limit) would stall the connection's next request: close it instead.
  res.writeHead(status, close ? { connection: 'close' } : {});
  res.end();
};

const header = (req: IncomingMessage, name: string): string => {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/**
 * Reads a request to /slack/events, checks its signature and then its shape (slack.shapes.ts), before Bolt's
 * HTTPReceiver sees it: true when the request may go on to Bolt, false when it was answered here (401 for a
 * bad signature, 400 for what is not a Slack payload, 413 for a body over the limit, 200 for a type no listener takes). Bolt reuses the body
 * read here (it keeps it on the request as `rawBody`) and checks the signature again, which costs one HMAC.
 * The checks mirror Bolt's own parsing, so what passes here is what Bolt reads.
 */
/**
 * Slack publishes no maximum body size. Its largest payload to Righthand is a view submission of one of its
 * own modals: at most 10 fields of at most 3,000 characters, echoed with the view, percent-encoded; that stays
 * well under 1 MiB. Bolt's own default is 4 MiB, which let a signed 2 MB `payload=` take 3 s to parse.
 * raw-body refuses from the Content-Length header before reading, and counts the bytes when there is none.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export const admitSlackRequest = async ({ req, res, signingSecret, logger, bodyLimit = SLACK_BODY_LIMIT }: { req: IncomingMessage; res: ServerResponse; signingSecret: string; logger: Logger; bodyLimit?: number }): Promise<boolean> => {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
  } catch (error) {
    const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413);
    logger.warn({ err: errorMessage(error) }, tooLarge ? 'slack request body over the limit refused' : 'slack request body unreadable');
    answer(res, tooLarge ? 413 : 400, { close: true });
    return false;
  }
  const raw = buffered.rawBody.toString();
  const signed = isValidSlackRequest({
    signingSecret,
    body: raw,
    headers: { 'x-slack-signature': header(req, 'x-slack-signature'), 'x-slack-request-timestamp': Number(header(req, 'x-slack-request-timestamp')) },
  });
  if (!signed) {
    answer(res, 401);
    return false;
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch (error) {
    logger.warn({ err: errorMessage(error) }, 'malformed slack request body refused');
    answer(res, 400);
    return false;
  }
  // Bolt parses a form when the content type is exactly this; so does the shape check.
  const form = req.headers['content-type'] === 'application/x-www-form-urlencoded';
  const problem = slackBodyProblem(body, { form });
  if (problem) {
    // Signed with our secret, so from Slack or from whoever holds it: worth a line, not an error.
    logger.warn({ problem: problem.slice(0, 300) }, 'signed slack request of the wrong shape refused');
    answer(res, 400);
    return false;
  }
  const unlistened = unlistenedType(body, { form });
  if (unlistened) {
    logger.info({ type: unlistened.slice(0, 60) }, 'slack request of a type Righthand does not use acknowledged');
    answer(res, 200);
    return false;
  }
  return true;
};
