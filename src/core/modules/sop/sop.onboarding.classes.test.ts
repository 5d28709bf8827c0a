import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { buttonsIn, createHarness, replyText, type Harness } from '../../../../test/helpers/bot-harness.js';
import { testDatabases } from '../../../../test/helpers/database.js';

const PEOPLE = {
  olivia: { displayName: 'Olivia', zone: 'Europe/Amsterdam' },
  maria: { displayName: 'Maria', zone: 'Asia/Manila' },
};

/** A class in the onboarding path: each newcomer is invited to its next meeting, reminded like any invitee. */
describe.each(testDatabases())('onboarding classes on $driver', ({ open }) => {
  let handle: DatabaseHandle;
  let h: Harness;

  beforeEach(async () => {
    handle = await open();
    // Monday 23 Nov 2026, 09:00 in Amsterdam, 16:00 in Manila.
    h = await createHarness({ handle, start: '2026-11-23T08:00:00Z', people: PEOPLE });
    await h.setupTeam({ channel: 'acme', client: 'Acme Co', manager: 'olivia', members: {} });
    await h.run('olivia', 'acme', '/obm setup zone Europe/Amsterdam');
  });
  afterEach(async () => {
    await handle.close();
  });

  it('invites a newcomer to the next meeting of each onboarding class, once, with its RSVP buttons and its reminders', async () => {
    await h.run('olivia', 'acme', '/training add New VA welcome call thursday 10:00 for 30 minutes link https://meet.example.com/welcome every thursday');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding class 7'))).toBe('There is no class #7 in this team. /training list shows the classes to come.');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding class 1'))).toBe('Onboarding step 1: newcomers are invited to the next meeting of #1 New VA welcome call when they join.');
    await h.run('olivia', 'acme', '/sop onboarding task "Set up your 1Password" day 1');
    expect(replyText(await h.run('olivia', 'acme', '/sop onboarding list')).split('\n')).toEqual(['Onboarding in Acme Co', '1. Day 1: attend the next #1 New VA welcome call (an invitation)', '2. Day 1: Set up your 1Password']);

    h.recorder.clear();
    await h.run('olivia', 'acme', '/obm team add @maria');
    await h.run('olivia', 'acme', '/obm team add @maria');
    await h.advanceTo('2026-11-24T01:00:00Z');
    const invitations = h.recorder.dmsTo('maria').filter((dm) => dm.text.includes('invited to this class'));
    expect(invitations).toHaveLength(1);
    // In her zone: Thursday 10:00 in Amsterdam is 17:00 in Manila.
    expect(invitations[0]!.text).toContain('Welcome, Maria! You are invited to this class as part of your onboarding:');
    expect(invitations[0]!.text).toContain('Thu 26 Nov, 17:00 (Asia/Manila)');
    const buttons = buttonsIn(invitations[0]!.message);
    expect(buttons.map((button) => button.actionId)).toEqual(['training.going', 'training.maybe', 'training.cant']);
    // Her progress counts her tasks, not the invitation.
    expect(replyText(await h.run('olivia', 'acme', '/obm onboarding'))).toContain('0/1');

    // She answers from the DM; the hour before, the reminder reaches her as an invitee who said Going.
    expect(replyText(await h.click('maria', 'training.going', buttons[0]!.value))).toContain('Going: Maria');
    h.recorder.clear();
    await h.advanceTo('2026-11-26T09:05:00Z');
    expect(h.recorder.dmsTo('maria').map((dm) => dm.text).join('\n')).toContain('New VA welcome call');
  });

  it('links an SOP to a class: shown in the announcement and in each reminder, refused when unknown', async () => {
    await h.run('olivia', 'acme', '/sop add Client onboarding checklist https://docs.example.com/onboarding onboarding');
    expect(replyText(await h.run('olivia', 'acme', '/training add Kick-off thursday 10:00 sop 9'))).toBe('There is no SOP “9” in this team: give its number (/sop list) or its exact title. To keep “sop” in a task’s title, put the title in quotes.');
    h.recorder.clear();
    await h.run('olivia', 'acme', '/training add Kick-off thursday 10:00 with @maria sop 1');
    const announced = h.recorder.sent.find((item) => item.target.kind === 'channel' && item.text.includes('Kick-off'))!;
    expect(announced.text).toContain('SOP: #1 Client onboarding checklist (v1) https://docs.example.com/onboarding');
    // A new version: the reminder the day before links the current one.
    await h.run('olivia', 'acme', '/sop update 1 https://docs.example.com/onboarding-v2 new steps');
    await h.advanceTo('2026-11-25T09:05:00Z');
    const reminder = h.recorder.dmsTo('maria').find((dm) => dm.text.includes('Kick-off'))!;
    expect(reminder.text).toContain('SOP: #1 Client onboarding checklist (v2) https://docs.example.com/onboarding-v2');
  });
});
