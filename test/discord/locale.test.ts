import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../src/core/i18n/catalog.js';
import { ACME, ACME_CHANNEL, BETA, createDiscordHarness, JO, OLIVIA, type DiscordHarness } from './harness.js';

const MODAL_SUBMIT = 5;

describe('what the Discord adapter says itself, in the person’s language', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    // Two servers, so a DM from someone who has not used Righthand anywhere names none of them.
    h = await createDiscordHarness({ guilds: [ACME, BETA] });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('an expired form is answered in the interaction’s locale: Dutch for nl, English for en-US', async () => {
    const dutch = await h.interaction(OLIVIA, ACME_CHANNEL, MODAL_SUBMIT, { custom_id: 'rhm|gone', components: [] }, { locale: 'nl' });
    expect(dutch.answer.type).toBe(4);
    expect(dutch.answer.ephemeral).toBe(true);
    expect(dutch.answer.text).toBe(t('nl', 'bot.form_expired'));
    expect(dutch.answer.text).toBe('Dit formulier is verlopen. Voer het commando opnieuw uit.');

    const english = await h.interaction(OLIVIA, ACME_CHANNEL, MODAL_SUBMIT, { custom_id: 'rhm|gone', components: [] }, { locale: 'en-US' });
    expect(english.answer.text).toBe(t('en', 'bot.form_expired'));
  });

  it('a command in the DM that names no server asks for one in the person’s language (a locale the bot lacks is English)', async () => {
    const dmChannel = h.fake.openDm(JO.id);
    const dutch = await h.command(JO, dmChannel, '/task list', {}, { locale: 'nl' });
    expect(dutch.handled).toEqual([]);
    expect(dutch.answer.ephemeral).toBe(true);
    expect(dutch.answer.text).toBe(t('nl', 'bot.which_server'));

    const other = await h.command(JO, dmChannel, '/task list', {}, { locale: 'pt-BR' });
    expect(other.answer.text).toBe(t('en', 'bot.which_server'));
  });

  it('a typed DM that names no server is answered in English (a message carries no locale)', async () => {
    const { channelId, handled } = await h.dm(JO, 'hallo?', { reachesCore: false });
    expect(handled).toEqual([]);
    expect(h.text(h.fake.messagesIn(channelId).at(-1)!)).toBe(t('en', 'bot.which_server'));
  });
});
