import type { IncomingMessage } from 'node:http';
import { parseMultipart, readRawBody } from './fake-http.js';

/**
 * File uploads for the fake Discord REST (discord-api.ts): a message with files comes as multipart/form-data,
 * its JSON in `payload_json` and each file in `files[n]`, as @discordjs/rest sends it. The files are kept on
 * the message with their bytes; the message object shows them as Discord does (id, filename, size, url),
 * and an embed image `attachment://<filename>` must name one of them.
 */

export interface FakeAttachment {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  url: string;
  description?: string;
  bytes: Buffer;
}

// The files of a parsed body, beside it rather than in it (the body is also what `calls` records as JSON).
const filesOfBody = new WeakMap<object, FakeAttachment[]>();
let attachments = 0;

/** The request's body: JSON, or a multipart form's `payload_json` with its `files[n]`, or the raw text. */
export const readDiscordBody = async (req: IncomingMessage): Promise<any> => {
  const raw = await readRawBody(req);
  const contentType = String(req.headers['content-type'] ?? '');
  if (raw.length === 0) return null;
  if (contentType.includes('application/json')) return JSON.parse(raw.toString('utf8'));
  if (!contentType.startsWith('multipart/form-data')) return raw.toString('utf8');
  const parts = await parseMultipart(raw, contentType);
  const payload = parts.get('payload_json');
  const body: Record<string, any> = payload?.kind === 'text' ? JSON.parse(payload.value) : {};
  const described = new Map<string, string>(((body.attachments ?? []) as { id: number | string; description?: string }[]).flatMap((entry) => (entry.description ? [[String(entry.id), entry.description]] : [])));
  const files: FakeAttachment[] = [];
  for (const [key, part] of parts) {
    const index = /^files\[(\d+)\]$/.exec(key)?.[1];
    if (index === undefined || part.kind !== 'file') continue;
    const id = String(1_300_000_000_000_000_000n + BigInt(++attachments));
    files.push({
      id,
      filename: part.filename,
      content_type: part.contentType,
      size: part.bytes.length,
      url: `https://cdn.discordapp.com/attachments/fake/${id}/${part.filename}`,
      ...(described.has(index) ? { description: described.get(index)! } : {}),
      bytes: part.bytes,
    });
  }
  filesOfBody.set(body, files);
  return body;
};

export const attachmentsOf = (body: unknown): FakeAttachment[] => (body && typeof body === 'object' ? (filesOfBody.get(body) ?? []) : []);

/** Discord's checks on a message's files: at most 10, and every `attachment://` image names one of them. */
export const checkAttachments = (body: any): string | null => {
  const files = attachmentsOf(body);
  if (files.length > 10) return 'files: at most 10';
  const names = new Set(files.map((file) => file.filename));
  for (const embed of body?.embeds ?? []) {
    const url: unknown = embed.image?.url;
    if (typeof url === 'string' && url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length))) return `embed image ${url} names no attached file`;
  }
  return null;
};

/** An attachment as the API shows it (no bytes). */
export const attachmentObject = ({ bytes: _bytes, ...attachment }: FakeAttachment) => attachment;
