import { describe, expect, it } from 'vitest';
import { textMessage, type Message } from '../../src/core/messages.js';
import { withFiles } from './discord.files.js';
import { toDiscordMessages } from './discord.render.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const csv = new TextEncoder().encode('a,b\n');

describe('a message’s files on Discord', () => {
  it('uploads every file and shows the image in the last embed by attachment://, with its alt text as the description', () => {
    const message: Message = { ...textMessage('Weekly digest'), files: [{ name: 'tasks.csv', mimeType: 'text/csv', bytes: csv }, { name: 'chart.png', mimeType: 'image/png', bytes: png }], image: { file: 'chart.png', alt: 'Leads, 8 weeks' } };
    const [part] = toDiscordMessages(message, { guildId: 'G1' });
    const { body, files } = withFiles(part!, message);
    expect(body.embeds.at(-1)!.image).toEqual({ url: 'attachment://chart.png' });
    expect(body.embeds.at(-1)!.description).toContain('Weekly digest');
    expect(body.attachments).toEqual([
      { id: 0, filename: 'tasks.csv' },
      { id: 1, filename: 'chart.png', description: 'Leads, 8 weeks' },
    ]);
    expect(files.map((file) => [file.name, file.contentType, [...(file.data as Buffer)]])).toEqual([
      ['tasks.csv', 'text/csv', [...csv]],
      ['chart.png', 'image/png', [...png]],
    ]);
  });

  it('leaves a message without files as it was, and attaches files without an image as downloads only', () => {
    const plain = textMessage('hi');
    const [part] = toDiscordMessages(plain, { guildId: 'G1' });
    expect(withFiles(part!, plain)).toEqual({ body: part, files: [] });
    const exported: Message = { ...textMessage('Your export'), files: [{ name: 'tasks.csv', mimeType: 'text/csv', bytes: csv }] };
    const upload = withFiles(toDiscordMessages(exported, { guildId: 'G1' })[0]!, exported);
    expect(upload.body.embeds.some((embed) => embed.image)).toBe(false);
    expect(upload.files).toHaveLength(1);
  });
});
