import { createInterface, type Interface } from 'node:readline';

/**
 * The console's streams. In `--json` mode stdout carries nothing but the JSON lines, so notes and
 * problems go to the error stream; in human mode everything is one readable stream.
 */
export interface Terminal {
  /** What the bot said (rendered text or one JSON line). */
  show(text: string): void;
  /** The console's own words: confirmations, the clock, help. */
  note(text: string): void;
  /** A directive it could not follow, or a line that failed. */
  problem(text: string): void;
  /** A heading printed only if something is shown before the next heading (the moment the clock stopped at); null drops it. */
  heading(text: string | null): void;
  /**
   * Starts reading input lines. readline consumes the input from this moment, so iterate at once:
   * lines that arrive before iteration starts would be lost.
   */
  readLines(input: NodeJS.ReadableStream): AsyncIterable<string>;
  prompt(text: string): void;
  close(): void;
}

export const createTerminal = ({ output, errorOutput, json, interactive }: { output: NodeJS.WritableStream; errorOutput: NodeJS.WritableStream; json: boolean; interactive: boolean }): Terminal => {
  const prompting = interactive && !json;
  let reader: Interface | null = null;
  let pendingHeading: string | null = null;
  let atPrompt = false;

  const write = (stream: NodeJS.WritableStream, text: string) => {
    // Output arriving while the person is typing (real time ticking) goes above the prompt, then the
    // prompt and their half-typed line are drawn again.
    const redraw = atPrompt && stream === output && reader?.terminal === true;
    if (redraw) output.write('\r\u001b[2K');
    stream.write(`${text}\n`);
    if (redraw) reader?.prompt(true);
  };
  const human = (text: string) => {
    if (pendingHeading !== null) {
      const heading = pendingHeading;
      pendingHeading = null;
      write(output, heading);
    }
    write(output, text);
  };

  return {
    show: (text) => (json ? write(output, text) : human(text)),
    note: (text) => (json ? write(errorOutput, text) : human(text)),
    problem: (text) => (json ? write(errorOutput, text) : human(text)),
    heading: (text) => {
      if (!json) pendingHeading = text;
    },
    readLines: (input) => {
      // Given an output, readline echoes and edits the line when it is a TTY; in --json mode it must never
      // write to stdout, so it gets none (the terminal itself still echoes what is typed).
      const lines = createInterface({ input, ...(prompting ? { output } : {}), crlfDelay: Infinity });
      // Ctrl-C in a raw-mode terminal reaches readline, not the process: treat it like the end of input.
      lines.on('SIGINT', () => lines.close());
      lines.on('line', () => {
        atPrompt = false;
      });
      reader = lines;
      return lines;
    },
    prompt: (text) => {
      if (!prompting || !reader) return;
      reader.setPrompt(text);
      reader.prompt();
      atPrompt = true;
    },
    close: () => {
      // Ctrl-D leaves the cursor after the prompt; end that line so the shell's prompt starts clean.
      if (atPrompt && reader?.terminal) output.write('\n');
      atPrompt = false;
      reader?.close();
    },
  };
};
