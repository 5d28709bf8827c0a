import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';
import { DIGEST_PEOPLE, seedDigestFixture } from '../../../../test/helpers/digest-fixture.js';
import type { DatabaseHandle } from '../../../db/client.js';

describe.each(testDatabases())('reviewing the weekly digest on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;
  beforeEach(async () => {
    handle = await open();
    h = await createHarness({ handle, start: '2026-11-16T08:00:00Z', people: DIGEST_PEOPLE });
    await seedDigestFixture(h);
    expect(replyText(await h.run('olivia', 'acme', '/digest review on'))).toBe('From now on a manager gets the draft by DM the working day before, with Approve and Add a note; it posts only when approved.');
    h.recorder.clear();
  });
  afterEach(async () => handle.close());

  const posts = () => h.recorder.sent.filter((item) => item.target.kind === 'channel' && item.text.startsWith('Acme Co · weekly digest'));
  const draftOf = (user: string) => h.recorder.dmsTo(user).find((dm) => dm.text.startsWith('The weekly digest of Acme Co posts'));
  const button = (user: string, actionId: string) => buttonsIn(draftOf(user)!.message).find((item) => item.actionId === actionId)!;

  it('sends the draft to the manager the working day before, within her hours, and posts at its time once approved', async () => {
    await h.advanceTo('2026-11-20T12:00:00Z');
    const draft = draftOf('olivia')!;
    // Friday is the working day before Monday; the DM waits for 09:00 in Amsterdam, not midnight.
    expect(draft.at).toEqual(new Date('2026-11-20T08:00:00Z'));
    expect(draft.text).toContain('Acme Co · weekly digest, week 47 (16–22 Nov)\nHeadline numbers\n• Revenue: €9,000');
    expect(buttonsIn(draft.message).map((item) => item.label)).toEqual(['Approve', 'Add a note']);
    expect(draftOf('maria')).toBeUndefined();

    const approve = button('olivia', 'digests.approve');
    expect(replyText(await h.click('maria', approve.actionId, approve.value))).toMatch(/manager/i);
    expect(replyText(await h.click('olivia', approve.actionId, approve.value))).toMatch(/^Approved: the digest of Acme Co posts .+\.$/);
    expect(replyText(await h.click('olivia', approve.actionId, approve.value))).toMatch(/^Olivia already approved this digest; it posts /);
    await h.advanceTo('2026-11-23T07:59:00Z');
    expect(posts()).toEqual([]);
    await h.advanceTo('2026-11-23T12:00:00Z');
    expect(posts().map((post) => post.at)).toEqual([new Date('2026-11-23T08:00:00Z')]);
  });

  it('puts the manager’s note on top, and asks for a note that is missing or too long', async () => {
    await h.advanceTo('2026-11-20T12:00:00Z');
    const add = button('olivia', 'digests.note');
    const reply = await h.click('olivia', add.actionId, add.value);
    expect(reply.kind).toBe('form');
    const form = reply.kind === 'form' ? reply.form : null;
    expect(replyText(await h.submit('olivia', form!.formId, form!.privateValue, { note: '  ' }))).toBe('Write the note, or use Approve.');
    expect(replyText(await h.submit('olivia', form!.formId, form!.privateValue, { note: 'x'.repeat(501) }))).toBe('A note has at most 500 characters.');
    expect(replyText(await h.submit('olivia', form!.formId, form!.privateValue, { note: 'Great week: the launch email went out.' }))).toMatch(/^Approved with your note: the digest of Acme Co posts /);
    await h.advanceTo('2026-11-23T12:00:00Z');
    const [digest] = posts();
    expect(digest!.text.split('\n').slice(0, 3)).toEqual(['Acme Co · weekly digest, week 47 (16–22 Nov)', '📝 Olivia: Great week: the launch email went out.', 'Headline numbers']);
  });

  it('holds a digest nobody approved, tells the managers once, and posts it at once when approved late', async () => {
    await h.advanceTo('2026-11-23T12:00:00Z');
    expect(posts()).toEqual([]);
    const held = h.recorder.dmsTo('olivia').filter((dm) => dm.text.startsWith('The weekly digest of Acme Co did not post'));
    expect(held.map((dm) => dm.text.split('\n')[0])).toEqual(['The weekly digest of Acme Co did not post: its draft was not approved. Approve it and it posts at once.']);
    const approve = buttonsIn(held[0]!.message).find((item) => item.actionId === 'digests.approve')!;
    expect(replyText(await h.click('olivia', approve.actionId, approve.value))).toBe('Approved: its time has passed, so the digest of Acme Co posts now.');
    expect(posts().map((post) => post.at)).toEqual([new Date('2026-11-23T12:00:00Z')]);
    expect(replyText(await h.click('olivia', approve.actionId, approve.value))).toBe('This digest was posted already.');
    expect(posts()).toHaveLength(1);
  });

  it('drops the review when turned off: the digest posts at its time without one', async () => {
    expect(replyText(await h.run('olivia', 'acme', '/digest review off'))).toBe('The digest posts at its time without review.');
    expect(replyText(await h.run('olivia', 'acme', '/digest review maybe'))).toBe('Say on or off: /digest review on.');
    await h.advanceTo('2026-11-23T12:00:00Z');
    expect(draftOf('olivia')).toBeUndefined();
    expect(posts()).toHaveLength(1);
  });
});
