import { describe, expect, it } from 'vitest';
import { compose, textMessage, timeToken, type Block } from '../../src/core/messages.js';
import { actionIdOf, escapeMrkdwn, MAX_BLOCKS_PER_MESSAGE, splitText, toHomeView, toMrkdwn, toSlackMessage, toSlackMessages } from './slack.render.js';

const at = new Date('2026-11-27T09:00:00Z');

describe('Block Kit rendering', () => {
  it('renders every block kind, with the text fallback beside the blocks', () => {
    const [message, ...more] = toSlackMessages(
      compose([
        { type: 'header', text: '#1 Send the report' },
        { type: 'text', text: 'Olivia gave you a task' },
        { type: 'fields', fields: [{ label: 'Due', value: 'Friday' }] },
        { type: 'context', text: 'Acme Co' },
        { type: 'divider' },
        { type: 'buttons', buttons: [{ label: 'Done', actionId: 'task.done', value: '1', style: 'primary' }, { label: 'Snooze', actionId: 'task.snooze', value: '1' }] },
      ]),
    );
    expect(more).toEqual([]);
    expect(message!.text).toBe('#1 Send the report\nOlivia gave you a task\nDue: Friday\nAcme Co');
    expect(message!.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: '#1 Send the report', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Olivia gave you a task' } },
      { type: 'section', fields: [{ type: 'mrkdwn', text: '*Due*\nFriday' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Acme Co' }] },
      { type: 'divider' },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Done', emoji: true }, action_id: 'task.done#0', value: '1', style: 'primary' },
          { type: 'button', text: { type: 'plain_text', text: 'Snooze', emoji: true }, action_id: 'task.snooze#1', value: '1' },
        ],
      },
    ]);
  });

  it('renders time tokens as Slack date formatting (each reader’s own zone) and as the fallback where Slack takes plain text', () => {
    const token = timeToken(at, 'Fri 27 Nov, 17:00 (Asia/Manila)');
    expect(toMrkdwn(`Due ${token}`)).toBe('Due <!date^1795770000^{date_short_pretty} {time}|Fri 27 Nov, 17:00 (Asia/Manila)>');
    const [message] = toSlackMessages(compose([{ type: 'header', text: `Due ${token}` }, { type: 'text', text: `Due ${token}` }]));
    expect(message!.blocks[0]).toMatchObject({ text: { type: 'plain_text', text: 'Due Fri 27 Nov, 17:00 (Asia/Manila)' } });
    expect(message!.text).toContain('<!date^1795770000^');
  });

  it('escapes what people typed, so a title cannot ping a channel or break the markup', () => {
    expect(escapeMrkdwn('Q&A <!channel> <b>')).toBe('Q&amp;A &lt;!channel&gt; &lt;b&gt;');
    expect(toSlackMessages(textMessage('Review <!here> & co'))[0]!.text).toBe('Review &lt;!here&gt; &amp; co');
  });

  it('gives every button a unique action id, and reads the core action id back', () => {
    const buttons: Block = { type: 'buttons', buttons: [1, 2, 3].map((n) => ({ label: 'Done', actionId: 'task.done', value: String(n) })) };
    const [message] = toSlackMessages(compose([buttons, buttons]));
    const ids = message!.blocks.flatMap((block) => (block.type === 'actions' ? block.elements.map((element) => (element as { action_id: string }).action_id) : []));
    expect(new Set(ids).size).toBe(6);
    expect(ids.map(actionIdOf)).toEqual(Array(6).fill('task.done'));
    expect(actionIdOf('info')).toBe('info');
  });

  it('splits a long list into messages of at most 40 blocks, each with its own text', () => {
    const blocks: Block[] = [{ type: 'header', text: 'All tasks' }];
    for (let n = 1; n <= 60; n++) blocks.push({ type: 'text', text: `#${n} Chore` });
    const messages = toSlackMessages(compose(blocks));
    expect(messages.length).toBe(2);
    expect(messages.every((message) => message.blocks.length <= MAX_BLOCKS_PER_MESSAGE)).toBe(true);
    expect(messages.flatMap((message) => message.blocks)).toHaveLength(61);
    expect(messages[0]!.text.startsWith('All tasks\n#1 Chore')).toBe(true);
    expect(messages[1]!.text.startsWith('#40 Chore')).toBe(true);
  });

  it('keeps each piece within Slack’s limits: long text in several sections, many fields and buttons in several blocks', () => {
    const long = Array.from({ length: 200 }, (_, n) => `line ${n} ${'x'.repeat(30)}`).join('\n');
    const [message] = toSlackMessages(
      compose([
        { type: 'text', text: long },
        { type: 'fields', fields: Array.from({ length: 12 }, (_, n) => ({ label: `F${n}`, value: 'v' })) },
        { type: 'buttons', buttons: Array.from({ length: 30 }, (_, n) => ({ label: `B${n}`, actionId: 'x', value: String(n) })) },
        { type: 'header', text: 'h'.repeat(200) },
      ]),
    );
    const sections = message!.blocks.filter((block) => block.type === 'section' && 'text' in block && block.text);
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect((section as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(3000);
    expect(message!.blocks.filter((block) => block.type === 'section' && 'fields' in block).map((block) => (block as { fields: unknown[] }).fields.length)).toEqual([10, 2]);
    expect(message!.blocks.filter((block) => block.type === 'actions').map((block) => (block as { elements: unknown[] }).elements.length)).toEqual([25, 5]);
    expect((message!.blocks.at(-1) as { text: { text: string } }).text.text.length).toBe(150);
  });

  it('a message without blocks is one section of its text', () => {
    expect(toSlackMessages({ text: 'Plain' })).toEqual([{ text: 'Plain', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Plain' } }] }]);
  });

  it('one message where only one fits (a replaced message, the App Home): the rest ends in “…”', () => {
    const blocks: Block[] = Array.from({ length: 60 }, (_, n) => ({ type: 'text', text: `#${n}` }));
    const single = toSlackMessage(compose(blocks));
    expect(single.blocks).toHaveLength(MAX_BLOCKS_PER_MESSAGE);
    expect(single.blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '…' }] });
    expect(toHomeView(compose(blocks)).blocks).toHaveLength(60);
  });

  it('splits text at line breaks, and hard only where a line is too long', () => {
    expect(splitText('aa\nbb\ncc', 5)).toEqual(['aa\nbb', 'cc']);
    expect(splitText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    expect(splitText('', 3)).toEqual(['']);
  });
});
