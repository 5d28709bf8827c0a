import type { DatabaseHandle } from '../../src/db/client.js';
import { ACME_CHANNEL, createDiscordHarness, OLIVIA as D_OLIVIA, type DiscordHarness } from '../discord/harness.js';
import { createSlackHarness, type SlackHarness } from '../slack/harness.js';

export const S_OLIVIA = 'U0OLIVIA1';
export const ACME = 'C0ACME001';

export interface TwoPlatforms {
  slack: SlackHarness;
  discord: DiscordHarness;
}

/**
 * The real Bolt and discord.js adapters in this one process on one database, both clocks at `start`: the OBM
 * of these tests is Olivia, in Amsterdam, on both.
 */
export const openTwoPlatforms = async (handle: DatabaseHandle, start: string): Promise<TwoPlatforms> => {
  const slack = await createSlackHarness({ handle, start });
  const discord = await createDiscordHarness({ handle, start });
  slack.fake.addUser({ id: S_OLIVIA, name: 'olivia', profile: { display_name: 'Olivia' }, tz: 'Europe/Amsterdam' });
  return { slack, discord };
};

export const closeTwoPlatforms = async (both: Partial<TwoPlatforms>): Promise<void> => {
  await both.discord?.close();
  await both.slack?.close();
  await both.slack?.handle.close();
};

/** The code in an `/obm link` answer. */
export const codeIn = (text: string): string => /^Your link code: (\S+)/.exec(text)![1]!;

/** Olivia on Slack makes a code in Acme's channel; Olivia on Discord types it: one person from then on. */
export const linkOlivia = async ({ slack, discord }: TwoPlatforms): Promise<void> => {
  const made = await slack.run(S_OLIVIA, ACME, '/obm link');
  await discord.command(D_OLIVIA, ACME_CHANNEL, '/obm link', { code: codeIn(String(made.responses[0]!.params.text)) });
};
