/** Slack's replies go through the core's one reply path; each inbound kind builds its sink in slack.inbound.ts. */
export { deliverReply, type ReplySink } from '../../src/core/replies.js';
