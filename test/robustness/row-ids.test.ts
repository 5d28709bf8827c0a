import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/client.js';
import { t } from '../../src/core/i18n/catalog.js';
import { createHarness, replyText, type Harness } from '../helpers/bot-harness.js';
import { testDatabases } from '../helpers/database.js';

/**
 * A button value or form private value naming a row id beyond PostgreSQL's int4 (`99999999999999999999`, one
 * past 2147483647) is a button that names nothing: the same sentence as an expired one, never the generic
 * error the database's "out of range" used to give. One set per module that reads ids from values.
 */

const EXPIRED = t('en', 'bot.unknown_action');
const BEYOND = ['99999999999999999999', '2147483648', '9999999999'];

describe.each(testDatabases())('row ids beyond int4 in buttons and forms, on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: { olivia: { zone: 'Europe/Amsterdam' } } });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: {} });
  });
  afterEach(async () => handle.close());

  const click = async (actionId: string, value: string) => replyText(await h.click('olivia', actionId, value));
  const submit = async (formId: string, value: string, values: Record<string, string>) => replyText(await h.submit('olivia', formId, value, values));

  it('tasks: Done, Snooze, Need help and the snooze form', async () => {
    for (const id of BEYOND) {
      for (const actionId of ['task.done', 'task.snooze', 'task.help']) expect(await click(actionId, id)).toBe(EXPIRED);
      expect(await submit('task.snooze', id, { until: 'friday' })).toBe(EXPIRED);
    }
    // The largest id a row can have is read as an id: there is no such task, so it expired too; a real one works.
    expect(await click('task.done', '2147483647')).toBe(EXPIRED);
    await h.run('olivia', 'acme', '/task add Send the report');
    // Done on a real task answers with the task (the update that replaces the DM).
    expect(await click('task.done', '1')).toMatch(/^#1 Send the report/);
  });

  it('follow-ups: Done, Not yet and its form', async () => {
    for (const id of BEYOND) {
      for (const actionId of ['followup.done', 'followup.not_yet']) expect(await click(actionId, id)).toBe(EXPIRED);
      expect(await submit('followup.not_yet', id, { when: 'friday' })).toBe(EXPIRED);
    }
  });

  it('standups: Answer, Skip today, the blocker buttons, Make it a task and the answer form', async () => {
    for (const id of BEYOND) {
      for (const actionId of ['standup.answer', 'standup.skip', 'standup.make_task']) expect(await click(actionId, id)).toBe(EXPIRED);
      for (const actionId of ['standup.blocking_yes', 'standup.blocking_no']) {
        expect(await click(actionId, `${id}:1`)).toBe(EXPIRED);
        expect(await click(actionId, `1:${id}`)).toBe(EXPIRED);
      }
      expect(await submit('standup.answer', id, { q1: 'done' })).toBe(EXPIRED);
      expect(await submit('standup.make_task', id, { title: 'x' })).toBe(EXPIRED);
    }
  });

  it('the team zone menu of /obm setup zone', async () => {
    for (const id of BEYOND) expect(await click('obm.team_zone', `${id}:Europe/Amsterdam`)).toBe(EXPIRED);
    expect(await click('obm.team_zone', '1:Europe/Amsterdam')).toMatch(/^The team’s zone is now Europe\/Amsterdam\./);
  });
});
