import { describe, expect, it } from 'vitest';
import { compose, timeToken, type Block } from '../../src/core/messages.js';
import { decodeCustomId, encodeCustomId, MAX_BUTTONS_PER_ROW, MAX_ROWS, toDiscordMessage, toDiscordMessages, toMarkdown } from './discord.render.js';

const GUILD = '410000000000000001';
const buttons = (count: number, actionId = 'task.done'): Block => ({ type: 'buttons', buttons: Array.from({ length: count }, (_, index) => ({ label: `B${index}`, actionId, value: String(index) })) });

describe('rendering core messages for Discord', () => {
  it('a header, text and fields become one embed; buttons an action row; nobody is pinged', () => {
    const [message, ...rest] = toDiscordMessages(compose([{ type: 'header', text: 'New task' }, { type: 'text', text: 'Send the report' }, { type: 'fields', fields: [{ label: 'Due', value: 'Friday' }] }, buttons(3)]), { guildId: GUILD });
    expect(rest).toEqual([]);
    expect(message!.embeds).toEqual([{ color: expect.any(Number), title: 'New task', description: 'Send the report', fields: [{ name: 'Due', value: 'Friday', inline: true }] }]);
    expect(message!.components).toHaveLength(1);
    expect(message!.components[0]!.components.map((button) => (button as { custom_id: string }).custom_id)).toEqual([`rh1|${GUILD}|task.done|0|0`, `rh1|${GUILD}|task.done|1|1`, `rh1|${GUILD}|task.done|2|2`]);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  it('time tokens become Discord timestamps (full and relative); typed markdown is escaped; there are no tables', () => {
    const at = new Date('2026-11-27T17:00:00Z');
    expect(toMarkdown(`Due ${timeToken(at, 'Fri 27 Nov, 17:00')} for *Maria* | ok`)).toBe(`Due <t:${at.getTime() / 1000}:F> (<t:${at.getTime() / 1000}:R>) for \\*Maria\\* | ok`);
    const [message] = toDiscordMessages(compose([{ type: 'fields', fields: [{ label: 'A', value: '1' }, { label: 'B', value: '2' }] }]), { guildId: null });
    expect(JSON.stringify(message)).not.toMatch(/\|\s*-{3}/);
  });

  it('at most 5 buttons per row and 5 rows per message: more go in the next message', () => {
    const parts = toDiscordMessages(compose([{ type: 'text', text: 'Many' }, buttons(27)]), { guildId: GUILD });
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      expect(part.components.length).toBeLessThanOrEqual(MAX_ROWS);
      for (const row of part.components) expect(row.components.length).toBeLessThanOrEqual(MAX_BUTTONS_PER_ROW);
    }
    expect(parts.flatMap((part) => part.components.flatMap((row) => row.components))).toHaveLength(27);
    const ids = parts.flatMap((part) => part.components.flatMap((row) => row.components.map((button) => (button as { custom_id: string }).custom_id)));
    expect(new Set(ids).size).toBe(27);
    // Where one message must do (an update), the rest is cut, within the limits.
    expect(toDiscordMessage(compose([buttons(27)]), { guildId: GUILD }).components).toHaveLength(MAX_ROWS);
  });

  it('a select block becomes a string select of at most 25 options; its pick comes back with its action', () => {
    const options = Array.from({ length: 30 }, (_, index) => ({ label: `Zone ${index}`, value: `Etc/GMT+${index % 12}` }));
    const [message] = toDiscordMessages(compose([{ type: 'text', text: 'Which zone?' }, { type: 'select', actionId: 'people.zone', placeholder: 'Pick your zone', options }]), { guildId: GUILD });
    const menu = message!.components[0]!.components[0] as { type: number; custom_id: string; options: unknown[]; placeholder: string };
    expect(menu.type).toBe(3);
    expect(menu.options).toHaveLength(25);
    expect(decodeCustomId(menu.custom_id)).toEqual({ guildId: GUILD, actionId: 'people.zone', value: '' });
  });

  it('a long text is cut into embeds and messages within Discord’s limits', () => {
    const lines = Array.from({ length: 400 }, (_, index) => `#${index} A task with a fairly long title to fill the space`);
    const parts = toDiscordMessages(compose([{ type: 'text', text: lines.join('\n') }]), { guildId: null });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.embeds.length).toBeLessThanOrEqual(10);
      expect(part.embeds.reduce((sum, embed) => sum + (embed.description?.length ?? 0), 0)).toBeLessThanOrEqual(6000);
    }
    expect(parts.flatMap((part) => part.embeds.map((embed) => embed.description)).join('\n')).toContain('#399 ');
  });

  it('custom ids round-trip, a value may hold the separator, and one over 100 characters is refused', () => {
    expect(decodeCustomId(encodeCustomId({ guildId: null, actionId: 'task.done', value: 'a|b' }, 3))).toEqual({ guildId: null, actionId: 'task.done', value: 'a|b' });
    expect(decodeCustomId('hello')).toBeNull();
    expect(() => encodeCustomId({ guildId: GUILD, actionId: 'x', value: 'v'.repeat(100) }, 0)).toThrow(/100/);
  });
});
