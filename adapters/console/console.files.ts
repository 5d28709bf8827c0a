import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Message } from '../../src/core/messages.js';

/** A file of a shown message, as written to disk. */
export interface WrittenFile {
  name: string;
  mimeType: string;
  path: string;
  /** The file shown as the message's picture (the digest's chart). */
  image: boolean;
}

/**
 * The console has no pictures: a message's files are written under `<dir>/delivery-<id>/` (dir is
 * DATA_DIR/files) and their paths printed with it. One folder per delivery, so two messages' `chart.png`
 * never overwrite each other, and a resend writes the same files again rather than new ones.
 */
export const writeMessageFiles = async ({ dir, deliveryId, message }: { dir: string; deliveryId: number; message: Message }): Promise<WrittenFile[]> => {
  const files = message.files ?? [];
  if (files.length === 0) return [];
  const folder = resolve(dir, `delivery-${deliveryId}`);
  await mkdir(folder, { recursive: true });
  const written: WrittenFile[] = [];
  for (const file of files) {
    // The core only queues plain file names; basename keeps a bad one inside the folder all the same.
    const path = join(folder, basename(file.name));
    await writeFile(path, file.bytes);
    written.push({ name: file.name, mimeType: file.mimeType, path, image: message.image?.file === file.name });
  }
  return written;
};
