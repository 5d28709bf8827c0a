import { webApi } from '@slack/bolt';
import { afterEach, beforeEach } from 'vitest';
import { createDmChannels, createSlackPort } from '../../../adapters/slack/slack.outbound.js';
import { silentLogger } from '../../../src/core/ports.js';
import type { DatabaseHandle } from '../../../src/db/client.js';
import { DEFAULT_TEAM, startFakeSlack, type FakeSlack } from '../../fakes/slack-web-api.js';

/**
 * A fake Slack of its own per test (delivery ids start at 1 in every database), the real Slack port against
 * it, and the databases a test opened, closed after it. Call once at the top of a test file.
 */
export const useFakeSlackPort = () => {
  let fake: FakeSlack | undefined;
  const handles: DatabaseHandle[] = [];
  beforeEach(async () => {
    fake = await startFakeSlack();
  });
  afterEach(async () => {
    await fake?.close();
  });
  afterEach(async () => {
    for (const handle of handles.splice(0).reverse()) await handle.close();
  });
  const slackPort = () =>
    createSlackPort({
      clientFor: async (team) => (team === DEFAULT_TEAM.id ? new webApi.WebClient(DEFAULT_TEAM.token, { slackApiUrl: fake!.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }) : null),
      dms: createDmChannels(),
      logger: silentLogger,
    });
  return {
    get fake(): FakeSlack {
      return fake!;
    },
    handles,
    slackPort,
  };
};
