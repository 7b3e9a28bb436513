import type { Readable, Writable } from 'node:stream';
import { CliError, type CliIO } from './io.js';

/** Far more than any API key; stops `cat big-file |` from filling memory. */
const MAX_STDIN_BYTES = 16 * 1024;

type TerminalInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * A secret from stdin: everything piped in (the caller trims and validates it), or, at a
 * terminal, one line typed or pasted after a prompt on stderr, not echoed.
 */
export async function readSecret(io: CliIO, prompt: string): Promise<string> {
  const input = io.stdin as TerminalInput;
  if (input.isTTY && typeof input.setRawMode === 'function') return readHiddenLine(input, io.stderr, prompt);
  return readAll(input);
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) throw new CliError(`stdin holds more than ${MAX_STDIN_BYTES / 1024} KiB; pipe in just the key`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Raw mode so the key is not shown; Enter ends, Ctrl-C cancels, Backspace erases. */
function readHiddenLine(input: TerminalInput, output: Writable, prompt: string): Promise<string> {
  output.write(`${prompt} `);
  input.setRawMode!(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (err?: Error) => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      if (err) reject(err);
      else resolve(text);
    };
    const onEnd = () => finish();
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled; nothing was stored', 130));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.on('data', onData);
    input.on('end', onEnd);
  });
}
