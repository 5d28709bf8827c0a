import type { RawFile } from 'discord.js';
import type { Message } from '../../src/core/messages.js';
import { EMBED_COLOR, type DiscordMessage } from './discord.render.js';

// Discord's attachment descriptions (alt text) are at most 1,024 characters.
const DESCRIPTION_MAX = 1024;

export interface DiscordUpload {
  body: DiscordMessage & { attachments?: { id: number; filename: string; description?: string }[] };
  files: RawFile[];
}

/**
 * A message's files on Discord, on one of its posts (the last: the picture under the text): each file an
 * upload (`files[n]` in the multipart body @discordjs/rest builds, the REST form of discord.js's
 * AttachmentBuilder), and the image shown as the last embed's image by `attachment://<name>`. Files and
 * post are one request, under the post's nonce, so a resend never uploads them twice.
 */
export const withFiles = (part: DiscordMessage, message: Message): DiscordUpload => {
  const files = message.files ?? [];
  if (files.length === 0) return { body: part, files: [] };
  const image = message.image;
  let embeds = part.embeds;
  if (image) {
    const last = embeds.at(-1);
    const shown = { url: `attachment://${image.file}` };
    embeds = last && !last.image ? [...embeds.slice(0, -1), { ...last, image: shown }] : [...embeds, { color: EMBED_COLOR, image: shown }];
  }
  return {
    body: {
      ...part,
      embeds,
      attachments: files.map((file, id) => ({ id, filename: file.name, ...(image?.file === file.name && image.alt ? { description: image.alt.slice(0, DESCRIPTION_MAX) } : {}) })),
    },
    files: files.map((file) => ({ name: file.name, data: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), contentType: file.mimeType })),
  };
};
