import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keysCommand } from '../../electron/core/cli/commands/keys.js';
import { CliError, UsageError, type CliIO } from '../../electron/core/cli/io.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { createKeyfileCipher, KeyStore } from '../../electron/core/secrets/index.js';
import { fakeAnthropicKey, filesContaining, tempDataDir } from './keys-test-helpers.js';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command as the CLI main does: UsageError → 2, CliError → its code, one line each. */
async function run(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv; stdinStream?: PassThrough } = {}): Promise<Outcome> {
  const stdin = options.stdinStream ?? new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  if (!options.stdinStream) stdin.end(options.stdin ?? '');
  const io: CliIO = { stdin, stdout, stderr, env: options.env ?? {} };
  let code: number;
  try {
    code = await keysCommand(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      err += `${e.message}\n\n${e.usage}\n`;
      code = 2;
    } else if (e instanceof CliError) {
      err += `${e.message}\n`;
      code = e.exitCode;
    } else {
      throw e;
    }
  }
  return { code, stdout: out, stderr: err };
}

function storedKey(dir: string, provider: string, kind: 'api' | 'admin', env: NodeJS.ProcessEnv = {}): string | null {
  const db = openDatabase(dir);
  try {
    return new KeyStore(db, createKeyfileCipher(dir, env)).get(provider, kind);
  } finally {
    db.close();
  }
}

describe('tokentally keys', () => {
  it('sets a key from piped stdin, lists it masked, removes it', async () => {
    const dir = tempDataDir();
    const key = fakeAnthropicKey();
    const args = ['set', 'anthropic', '--data-dir', dir];
    expect(args.join(' ')).not.toContain(key.slice(13));

    const set = await run(args, { stdin: key + '\n' });
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toContain(`Stored the anthropic API key sk-ant-…${key.slice(-4)}`);
    expect(set.stdout).toContain(path.join(dir, 'master.key'));
    expect(set.stdout).not.toContain(key.slice(13, 30));
    expect(storedKey(dir, 'anthropic', 'api')).toBe(key);

    const list = await run(['list', '--data-dir', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^PROVIDER\s+KIND\s+KEY\s+UPDATED\s+LABEL\s+STATUS\s+FINGERPRINT\n/);
    expect(list.stdout).toMatch(new RegExp(`anthropic\\s+api\\s+sk-ant-…${key.slice(-4).replace(/-/g, '\\-')}\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC`));

    const json = await run(['list', '--json', '--data-dir', dir]);
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain(key);
    expect(json.stdout).not.toContain(key.slice(13, 30));
    const parsed = JSON.parse(json.stdout) as { keys: { provider: string; kind: string; hint: string; updatedAt: string }[] };
    expect(parsed.keys).toEqual([
      { provider: 'anthropic', kind: 'api', hint: `sk-ant-…${key.slice(-4)}`, label: null, keyRef: expect.stringMatching(/^key:[0-9a-f]{16}$/), updatedAt: expect.stringMatching(/Z$/), readable: true, problem: null },
    ]);

    expect(filesContaining(dir, key)).toEqual([]);

    const rm = await run(['rm', 'anthropic', '--data-dir', dir]);
    expect(rm).toMatchObject({ code: 0, stdout: 'Removed the anthropic API key.\n' });
    const again = await run(['rm', 'anthropic', '--data-dir', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no anthropic API key is stored/);
    expect(JSON.parse((await run(['list', '--json', '--data-dir', dir])).stdout)).toEqual({ keys: [] });
  });

  it('refuses the proxy placeholder as a key (echo $OPENAI_API_KEY after the README\'s OPENAI_API_KEY=tokentally)', async () => {
    const dir = tempDataDir();
    const placeholder = await run(['set', 'openai', '--data-dir', dir], { stdin: 'tokentally\n' });
    expect(placeholder.code).not.toBe(0);
    expect(placeholder.stderr).toContain('"tokentally" is the placeholder tools send to the proxy');
    expect(storedKey(dir, 'openai', 'api')).toBeNull();
  });

  it('stores admin keys separately and warns about a key in the wrong slot', async () => {
    const dir = tempDataDir();
    const admin = 'sk-ant-admin01-' + randomBytes(60).toString('base64url');
    const wrongSlot = await run(['set', 'anthropic', '--data-dir', dir], { stdin: admin });
    expect(wrongSlot.code).toBe(0);
    expect(wrongSlot.stderr).toMatch(/^warning: this looks like an Anthropic Admin key .* \(use --admin\)\n$/);
    const right = await run(['set', 'Anthropic', '--admin', '--data-dir', dir], { stdin: admin });
    expect(right).toMatchObject({ code: 0, stderr: '' });
    expect(right.stdout).toContain('Stored the anthropic Admin key sk-ant-admin…');
    expect(storedKey(dir, 'anthropic', 'admin')).toBe(admin);
    expect((await run(['rm', 'anthropic', '--admin', '--data-dir', dir])).code).toBe(0);
    expect(storedKey(dir, 'anthropic', 'admin')).toBeNull();
    expect(storedKey(dir, 'anthropic', 'api')).toBe(admin);
  });

  it('honours TOKENTALLY_DATA_DIR and TOKENTALLY_MASTER_KEY', async () => {
    const dir = tempDataDir();
    const env = { TOKENTALLY_DATA_DIR: dir, TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') };
    const key = fakeAnthropicKey();
    const set = await run(['set', 'openrouter'], { stdin: key, env });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('encrypted with TOKENTALLY_MASTER_KEY');
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
    expect(storedKey(dir, 'openrouter', 'api', env)).toBe(key);
    expect(() => storedKey(dir, 'openrouter', 'api', { TOKENTALLY_MASTER_KEY: randomBytes(32).toString('hex') })).toThrow(
      /different master key/,
    );
  });

  it('refuses a key given on the command line, without repeating it, and stores nothing', async () => {
    const dir = tempDataDir();
    const key = fakeAnthropicKey();
    for (const args of [
      ['set', 'anthropic', key, '--data-dir', dir],
      ['set', 'anthropic', `--key=${key}`, '--data-dir', dir],
      ['set', key, '--data-dir', dir],
      ['set', 'anthropic', '--data-dir', dir, `--${key}`],
    ]) {
      const result = await run(args, { stdin: key });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/looks like an API key on the command line; nothing was stored/);
      expect(result.stderr + result.stdout).not.toContain(key.slice(13, 30));
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('explains empty, multi-line and oversized stdin without storing anything', async () => {
    const dir = tempDataDir();
    const empty = await run(['set', 'anthropic', '--data-dir', dir], { stdin: ' \n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/^no key on stdin: pipe it in/);
    const twoLines = await run(['set', 'anthropic', '--data-dir', dir], { stdin: `${fakeAnthropicKey()}\n${fakeAnthropicKey()}\n` });
    expect(twoLines.code).toBe(1);
    expect(twoLines.stderr).toMatch(/spaces or line breaks/);
    const huge = await run(['set', 'anthropic', '--data-dir', dir], { stdin: 'x'.repeat(20_000) });
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/more than 16 KiB/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it.each([
    [[], /set, list, label or rm/],
    [['get', 'anthropic'], /unknown keys command "get"/],
    [['set'], /needs a PROVIDER/],
    [['set', 'anthropic', 'openai'], /takes one PROVIDER; the key itself is read from stdin/],
    [['set', 'open_ai'], /lower-case letters, digits and dashes/],
    [['list', 'anthropic'], /takes no arguments/],
    [['list', '--jsonn'], /unknown option --jsonn \(this command takes --json, --data-dir\)/],
    [['rm'], /needs a PROVIDER/],
    [['set', 'anthropic', '--data-dir'], /--data-dir needs a value/],
  ])('keys %j is a usage error', async (args, message) => {
    const result = await run(args as string[], { stdin: 'sk-ant-api03-abcdefgh' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage:');
  });

  it('prints its usage on --help', async () => {
    for (const args of [['--help'], ['set', '--help'], ['list', '-h']]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('tokentally keys set PROVIDER [--admin] [--data-dir DIR]');
    }
  });

  it('lists nothing, and creates nothing, where there is no ledger', async () => {
    const dir = path.join(tempDataDir(), 'not-yet');
    expect(await run(['list', '--data-dir', dir])).toMatchObject({ code: 0, stdout: 'No keys stored. Add one with: tokentally keys set PROVIDER\n' });
    expect((await run(['rm', 'openai', '--data-dir', dir])).code).toBe(1);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('refuses an over-permissive master.key in one line', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'master.key');
    fs.writeFileSync(file, randomBytes(32).toString('hex'));
    fs.chmodSync(file, 0o644);
    const result = await run(['set', 'anthropic', '--data-dir', dir], { stdin: fakeAnthropicKey() });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`the master key file ${file} can be read by other users (mode 0644); refusing to use it. Run: chmod 600 ${file}\n`);
  });

  it('at a terminal, prompts on stderr and reads the key without echoing it', async () => {
    const dir = tempDataDir();
    const key = fakeAnthropicKey();
    const rawModes: boolean[] = [];
    const tty = Object.assign(new PassThrough(), {
      isTTY: true,
      setRawMode(raw: boolean) {
        rawModes.push(raw);
        return this;
      },
    });
    const pending = run(['set', 'deepseek', '--data-dir', dir], { stdinStream: tty });
    await new Promise((resolve) => setTimeout(resolve, 20));
    tty.write(key.slice(0, 20) + 'XY\u007f\u007f');
    tty.write(key.slice(20) + '\r');
    const result = await pending;
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('Paste the key for deepseek and press Enter: \n');
    expect(result.stdout + result.stderr).not.toContain(key.slice(13, 30));
    expect(rawModes).toEqual([true, false]);
    expect(storedKey(dir, 'deepseek', 'api')).toBe(key);
  });

  it('at a terminal, Ctrl-C cancels', async () => {
    const dir = tempDataDir();
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => tty });
    const pending = run(['set', 'deepseek', '--data-dir', dir], { stdinStream: tty });
    await new Promise((resolve) => setTimeout(resolve, 20));
    tty.write('sk-abc\u0003');
    const result = await pending;
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/cancelled; nothing was stored/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
