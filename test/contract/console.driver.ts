import { PassThrough, Writable } from 'node:stream';
import { createConsoleAdapter, CONSOLE_WORKSPACE } from '../../adapters/console/index.js';
import { silentLogger } from '../../src/core/ports.js';
import type { LiveDriver, PlatformDriver, Received, ReceivedFile } from './driver.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One `--json` line of the console (README: The console). */
interface JsonLine {
  to: { kind: 'dm'; person: string } | { kind: 'channel'; channel: string; person?: string; thread?: string };
  text: string;
  updated?: boolean;
  files?: { name: string; mimeType: string; path: string; image?: boolean }[];
}

/**
 * The console's port, observed where a person sees it: its `--json` output. The console numbers what it
 * shows (1, 2, …, its platform message ids), so the n-th line shown is message n.
 */
export const consoleDriver: PlatformDriver<LiveDriver> = {
  platform: 'console',
  messageId: /^\d+$/,
  splitsLongMessages: false,
  postAttempts: { absent: 'the terminal shows every message at once: there is no refused attempt to count' },
  rateLimit: { absent: 'the terminal has no rate limits' },
  closedDms: { absent: 'everyone in the console can be written to' },
  unreachable: { absent: 'everyone in the console can be written to' },
  channelGone: { absent: 'a console channel exists as soon as it is named' },
  refused: { absent: 'the terminal shows any message' },
  transient: { absent: 'the terminal never fails for a while' },
  offline: { absent: 'there is no network between the console and its terminal' },

  async start({ bot, clock }) {
    const lines: string[] = [];
    let partial = '';
    const output = new Writable({
      write(chunk, _encoding, done) {
        const parts = (partial + String(chunk)).split('\n');
        partial = parts.pop()!;
        lines.push(...parts);
        done();
      },
    });
    const filesDir = mkdtempSync(join(tmpdir(), 'righthand-console-files-'));
    const adapter = createConsoleAdapter({ bot, clock, input: new PassThrough(), output, json: true, interactive: false, logger: silentLogger, errorOutput: new PassThrough(), filesDir });
    let from = 0;
    const person = (name: string) => ({ userId: name, displayName: name[0]!.toUpperCase() + name.slice(1), zone: 'Europe/Amsterdam' });
    return {
      port: adapter.port,
      workspace: { ...CONSOLE_WORKSPACE },
      channel: 'acme',
      people: { manager: person('olivia'), maria: person('maria'), jo: person('jo'), ann: person('ann') },
      received: () =>
        lines.slice(from).map((line, index): Received => {
          const shown = JSON.parse(line) as JsonLine;
          if (shown.updated || ('person' in shown.to && shown.to.kind === 'channel')) throw new Error(`the port showed a reply, not a delivery: ${line}`);
          const to: Received['to'] = shown.to.kind === 'dm' ? { kind: 'dm', userId: shown.to.person } : { kind: 'channel', channelId: shown.to.channel, ...(shown.to.thread ? { inThreadOf: shown.to.thread } : {}) };
          return { to, text: shown.text, id: String(from + index + 1) };
        }),
      // The files as the person finds them: read back from the paths the console printed (under DATA_DIR/files).
      files: () =>
        lines.slice(from).flatMap((line): ReceivedFile[] => {
          const shown = JSON.parse(line) as JsonLine;
          const to: Received['to'] = shown.to.kind === 'dm' ? { kind: 'dm', userId: shown.to.person } : { kind: 'channel', channelId: shown.to.channel };
          return (shown.files ?? []).map((file) => {
            if (!file.path.startsWith(filesDir)) throw new Error(`a file outside the files folder: ${file.path}`);
            return { to, name: file.name, bytes: new Uint8Array(readFileSync(file.path)), image: file.image === true };
          });
        }),
      clear: () => {
        from = lines.length;
      },
      close: async () => rmSync(filesDir, { recursive: true, force: true }),
    };
  },
};
