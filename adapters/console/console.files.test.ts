import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage, type Message } from '../../src/core/messages.js';
import { writeMessageFiles } from './console.files.js';
import { toHumanText, toJsonLine } from './console.render.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'righthand-files-'));
  dirs.push(dir);
  return dir;
};

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const digest: Message = {
  ...textMessage('Weekly digest'),
  files: [
    { name: 'chart.png', mimeType: 'image/png', bytes: png },
    { name: 'tasks.csv', mimeType: 'text/csv', bytes: new TextEncoder().encode('a,b\n') },
  ],
  image: { file: 'chart.png', alt: 'Leads, 8 weeks' },
};

describe('the console’s files', () => {
  it('writes each file into the delivery’s own folder, and prints their paths with the message', async () => {
    const dir = tempDir();
    const written = await writeMessageFiles({ dir, deliveryId: 12, message: digest });
    expect(written.map(({ name, path, image }) => ({ name, path, image }))).toEqual([
      { name: 'chart.png', path: join(dir, 'delivery-12', 'chart.png'), image: true },
      { name: 'tasks.csv', path: join(dir, 'delivery-12', 'tasks.csv'), image: false },
    ]);
    expect([...readFileSync(written[0]!.path)]).toEqual([...png]);
    // Another delivery's chart.png does not overwrite this one.
    const other = await writeMessageFiles({ dir, deliveryId: 13, message: { ...digest, files: [{ name: 'chart.png', mimeType: 'image/png', bytes: new Uint8Array([9]) }] } });
    expect([...readFileSync(written[0]!.path)]).toEqual([...png]);
    expect([...readFileSync(other[0]!.path)]).toEqual([9]);

    const shown = { kind: 'message' as const, at: new Date('2026-11-23T09:00:00Z'), to: { kind: 'channel' as const, channel: 'acme' }, message: digest, ephemeral: false, files: written };
    expect(toHumanText(shown, { viewer: 'olivia' })).toBe(`[#acme] Righthand: Weekly digest\n  Image: ${written[0]!.path} (Leads, 8 weeks)\n  File: ${written[1]!.path}`);
    expect(JSON.parse(toJsonLine(shown)).files).toEqual([
      { name: 'chart.png', mimeType: 'image/png', path: written[0]!.path, image: true },
      { name: 'tasks.csv', mimeType: 'text/csv', path: written[1]!.path },
    ]);
  });

  it('writes nothing for a message without files, and keeps its JSON line as it was', async () => {
    const dir = tempDir();
    expect(await writeMessageFiles({ dir, deliveryId: 1, message: textMessage('hi') })).toEqual([]);
    expect(JSON.parse(toJsonLine({ kind: 'message', at: new Date(), to: { kind: 'dm', person: 'maria' }, message: textMessage('hi'), ephemeral: false }))).not.toHaveProperty('files');
  });
});
