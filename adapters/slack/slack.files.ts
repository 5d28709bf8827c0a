import type { webApi } from '@slack/bolt';
import type { FileAttachment, Message } from '../../src/core/messages.js';

type WebClient = webApi.WebClient;

/**
 * A message's files on Slack: shared into the conversation after its text, as one file message (the image,
 * the digest's chart, first, so Slack shows it as the picture). `filesUploadV2` does Slack's external upload:
 * files.getUploadURLExternal per file, the bytes POSTed to each upload URL, then one
 * files.completeUploadExternal with `channel_id` (and `thread_ts` in a thread) that shares them all.
 * The share completes asynchronously on Slack's side (a scan first): its answer may not name the message
 * yet, so nothing here waits for or relies on the share's ts.
 * Not an image block (`slack_file`) in the text message: a file that is not shared yet is "invalid slack
 * file" there, and a private upload shows nobody anything.
 */
export const shareFiles = async (client: WebClient, { channel, threadTs, message }: { channel: string; threadTs?: string; message: Message }): Promise<void> => {
  const files = orderedFiles(message);
  if (files.length === 0) return;
  await client.filesUploadV2({
    channel_id: channel,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    file_uploads: files.map((file) => ({
      file: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      filename: file.name,
      title: file.name,
      ...(message.image?.file === file.name ? { alt_text: message.image.alt } : {}),
    })),
  } as Parameters<WebClient['filesUploadV2']>[0]);
};

/** The image first, then the other files in their order. */
const orderedFiles = (message: Message): FileAttachment[] => {
  const files = message.files ?? [];
  const image = message.image?.file;
  return image ? [...files.filter((file) => file.name === image), ...files.filter((file) => file.name !== image)] : files;
};

/** A message as conversations.history shows it: what the lookup of a file share reads. */
export interface SeenMessage {
  ts?: string;
  bot_id?: string;
  user?: string;
  files?: { name?: string }[];
}

/**
 * The file message of a delivery, after its text: the first message with `count` files from the same bot
 * posted after the text's last part. A file share carries no metadata of ours; it is recognized by place.
 * Messages to one conversation go out one at a time and in order (the outbox), and the bot's other posts
 * (answers to commands) carry no files, so the next file message of the bot there is this delivery's.
 */
export const findFileShare = (seen: readonly SeenMessage[], { after, count, botId }: { after: string; count: number; botId: string | undefined }): string | null => {
  const candidates = seen
    .filter((posted) => posted.ts && Number(posted.ts) > Number(after) && (posted.files?.length ?? 0) === count && (!botId || posted.bot_id === botId))
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  return candidates[0]?.ts ?? null;
};
