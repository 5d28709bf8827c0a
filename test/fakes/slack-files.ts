import { parseMultipart } from './fake-http.js';

/**
 * Slack's external file upload, for the fake Web API (slack-web-api.ts): files.getUploadURLExternal hands
 * out an upload URL on the fake, the bytes are POSTed there (raw or multipart, as @slack/web-api sends
 * them), and files.completeUploadExternal finishes the upload and, with `channel_id`, shares the files as a
 * file message in the conversation (in a thread with `thread_ts`). The share is asynchronous on Slack:
 * its answer names no message; `holdShares` keeps shares back until `releaseShares`, as a slow Slack would.
 */

export interface FakeFile {
  id: string;
  name: string;
  /** The length announced to getUploadURLExternal. */
  length: number;
  title?: string;
  altText?: string;
  /** What was POSTed to the upload URL; null until then. */
  bytes: Buffer | null;
  completed: boolean;
}

/** A file message: files shared into a conversation by files.completeUploadExternal. */
export interface FakeFileShare {
  channel: string;
  thread_ts?: string;
  text: string;
  files: FakeFile[];
}

type Call = { params: Record<string, any> };

export const createFakeSlackFiles = ({ url, share }: { url: string; share: (share: FakeFileShare) => void }) => {
  const files = new Map<string, FakeFile>();
  let held: FakeFileShare[] | null = null;
  let ids = 0;

  const methods = {
    'files.getUploadURLExternal': ({ params }: Call) => {
      const length = Number(params.length);
      if (!params.filename) return { ok: false, error: 'invalid_arguments' };
      if (!Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
      const id = `F0FILE${String(++ids).padStart(4, '0')}`;
      files.set(id, { id, name: String(params.filename), length, ...(params.alt_text ? { altText: String(params.alt_text) } : {}), bytes: null, completed: false });
      return { ok: true, upload_url: `${url}/upload/v1/${id}`, file_id: id };
    },
    'files.completeUploadExternal': ({ params }: Call) => {
      const listed = Array.isArray(params.files) ? (params.files as { id?: string; title?: string }[]) : null;
      if (!listed || listed.length === 0) return { ok: false, error: 'invalid_arguments' };
      const completing: FakeFile[] = [];
      for (const entry of listed) {
        const file = entry.id ? files.get(entry.id) : undefined;
        if (!file || file.completed) return { ok: false, error: 'file_not_found' };
        // Slack checks the bytes arrived, all of them.
        if (!file.bytes || file.bytes.length !== file.length) return { ok: false, error: 'file_upload_size_mismatch' };
        completing.push(file);
      }
      for (const [index, file] of completing.entries()) {
        file.completed = true;
        if (listed[index]!.title) file.title = String(listed[index]!.title);
      }
      if (params.channel_id) {
        const shared: FakeFileShare = { channel: String(params.channel_id), ...(params.thread_ts ? { thread_ts: String(params.thread_ts) } : {}), text: String(params.initial_comment ?? ''), files: completing };
        if (held) held.push(shared);
        else share(shared);
      }
      // As on Slack: the files, without their shares yet.
      return { ok: true, files: completing.map((file) => ({ id: file.id, name: file.name, title: file.title ?? file.name, size: file.length, shares: {} })) };
    },
  };

  /** POST to an upload URL: the bytes, raw or as the multipart `file`/`body` field @slack/web-api sends. */
  const upload = async (id: string, body: Buffer, contentType: string): Promise<{ status: number; text: string }> => {
    const file = files.get(id);
    if (!file || file.completed) return { status: 404, text: 'unknown upload' };
    if (contentType.startsWith('multipart/form-data')) {
      const parts = await parseMultipart(body, contentType);
      const part = [...parts.values()].find((value) => value.kind === 'file');
      if (!part || part.kind !== 'file') return { status: 400, text: 'no file in the form' };
      file.bytes = part.bytes;
    } else file.bytes = body;
    return { status: 200, text: `OK - ${file.bytes.length}` };
  };

  return {
    methods,
    upload,
    /** Every upload, completed or not, by id. */
    files,
    holdShares: () => void (held ??= []),
    releaseShares: () => {
      const pending = held ?? [];
      held = null;
      for (const shared of pending) share(shared);
    },
  };
};
