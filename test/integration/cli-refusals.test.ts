/**
 * Every input the CLI refuses, through the real entry point (runCli): the exit code and the
 * message in plain words. Never the argument parser's own text ("ambiguous", "Option '--x'"),
 * never a stack trace; unknown providers are refused with the list of known ones; the help
 * lists every command and subcommand there is.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, MAIN_USAGE } from '../../electron/core/cli/main.js';
import { IMPORT_SOURCES } from '../../electron/core/cli/commands/import.js';
import { BUILT_IN_REGISTRY } from '../../shared/providers/index.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const KNOWN = `known providers are ${BUILT_IN_REGISTRY.ids().join(', ')}`;

/** [argv, exit code, what stderr must say]. */
const REFUSED: [string[], number, string][] = [
  // Unknown providers, at every door, with the list of known ones: a wrong argument (exit 2, as poll always did).
  [['budget', 'set', '--provider', 'bogus', '--monthly', '5'], 2, `unknown provider "bogus": ${KNOWN}`],
  [['budget', 'rm', '--provider', 'bogus'], 2, `unknown provider "bogus": ${KNOWN}`],
  [['keys', 'set', 'anthropicc'], 2, `unknown provider "anthropicc": ${KNOWN}`],
  [['keys', 'rm', 'anthropicc'], 2, `unknown provider "anthropicc": ${KNOWN}`],
  [['prices', 'claude-sonnet-4-5', '--provider', 'anthropicc', '--input', '10'], 2, `unknown provider "anthropicc": ${KNOWN}`],
  [['poll', 'anthropicc'], 2, `unknown provider "anthropicc": ${KNOWN}`],
  // Amounts: negative or malformed, in plain words.
  [['budget', 'set', '--monthly', '-5'], 2, '--monthly cannot be negative, got -5: give an amount of dollars such as 50 or 49.99'],
  [['budget', 'set', '--monthly=-5'], 2, '--monthly cannot be negative, got -5'],
  [['budget', 'set', '--monthly', '-$5'], 2, '--monthly cannot be negative, got -$5'],
  [['budget', 'set', '--monthly', 'abc'], 2, '--monthly takes an amount of dollars such as 50 or 49.99, got "abc"'],
  [['budget', 'set', '--monthly', '1e3'], 2, '--monthly takes an amount of dollars such as 50 or 49.99, got "1e3"'],
  [['budget', 'set', '--monthly'], 2, '--monthly needs a value'],
  // A comma only separates thousands: "49,99" is not $4,999, nor "1,5" fifteen tokens.
  [['budget', 'set', '--provider', 'openai', '--monthly', '49,99', '--hard'], 2, '--monthly 49,99: use a dot for cents (49.99)'],
  [['budget', 'set', '--monthly', '50,5'], 2, '--monthly 50,5: use a dot for cents (50.5)'],
  [['budget', 'set', '--monthly', '1,00'], 2, '--monthly 1,00: use a dot for cents (1.00)'],
  [['budget', 'set', '--monthly', '1,0000'], 2, '--monthly 1,0000: a comma only separates thousands, as in 1,000 or 12,500.50'],
  [['prices', 'gpt-4o', '--input', '1,5'], 2, '--input takes a whole number such as 5000 (a comma only separates thousands, as in 1,000), got "1,5"'],
  [['guard', 'set', '--floor', '2,5'], 2, '--floor 2,5: use a dot for cents (2.5)'],
  [['budget', 'set'], 2, 'budget set needs --monthly USD'],
  [['budget', 'set', '--monthly', '5', '--reset-day', '-1'], 2, '--reset-day cannot be negative, got -1'],
  [['budget', 'set', '--monthly', '5', '--reset-day', '0'], 2, '--reset-day must be 1 to 28 (every month has those days), got 0'],
  [['budget', 'set', '--monthly', '5', '--reset-day', 'first'], 2, '--reset-day takes a whole number such as 5000, got "first"'],
  [['budget', 'set', '--monthly', '5', '--alerts', 'abc'], 2, '--alerts takes percentages separated by commas (e.g. 50,75,90), got "abc"'],
  [['budget', 'set', '--monthly', '5', '--alerts', '-50'], 2, '--alerts takes percentages separated by commas (e.g. 50,75,90), got "-50"'],
  [['budget', 'set', '--monthly', '5', '--tz', 'Mars/Base'], 2, 'unknown time zone "Mars/Base" (use an IANA name such as Europe/Paris)'],
  [['budget', 'set', '--monthly', '5', '--hard', '--soft'], 2, '--hard and --soft contradict each other'],
  [['budget', 'set', '--monthly', '5', '--hard=yes'], 2, '--hard takes no value'],
  [['budget', 'set', '--monthly', '5', '--tag', 'a', '--provider', 'anthropic'], 2, 'give --provider or --tag, not both'],
  [['budget', 'set', '--monthly', '5', '--key', 'nobody'], 1, 'no API key is called "nobody"'],
  [['budget', 'set', '--frobnicate'], 2, 'unknown option --frobnicate (this command takes --provider, --tag, --key'],
  [['budget', 'frob'], 2, 'unknown budget command "frob" (set, list, rm or check)'],
  [['budget', 'rm', '--tag', 'nothing-here'], 1, 'no budgets are set'],
  [['prices', 'gpt-4o', '--input', '-5'], 2, '--input cannot be negative, got -5'],
  [['prices', 'gpt-4o', '--output', '1.5'], 2, '--output takes a whole number such as 5000, got "1.5"'],
  [['prices', 'gpt-4o', '--cache-read', 'lots'], 2, '--cache-read takes a whole number such as 5000, got "lots"'],
  [['prices'], 2, 'which model? e.g. tokentally prices claude-sonnet-4'],
  [['prices', 'a', 'b'], 2, 'unexpected argument "b"'],
  [['serve', '--port', '-1'], 2, '--port cannot be negative, got -1'],
  [['serve', '--port', '70000'], 2, '--port must be 0..65535, got 70000'],
  [['serve', '--port', 'abc'], 2, '--port takes a whole number such as 5000, got "abc"'],
  [['report', 'daily', '--limit', '-3'], 2, '--limit cannot be negative, got -3'],
  [['report', 'daily', '--since', 'yesterday'], 2, '--since: not a day: "yesterday"'],
  [['report', 'daily', '--since', '2026-13-01'], 2, '--since: not a day: "2026-13-01" does not exist in the calendar'],
  [['report', 'daily', '--since', '2026-12-05', '--until', '2026-12-01'], 2, '--since 2026-12-05 is after --until 2026-12-01'],
  [['report', 'daily', '--tz', 'Mars/Base'], 2, 'unknown time zone "Mars/Base"'],
  [['report', 'weekly'], 2, 'unknown report "weekly" (daily, monthly, requests, reconcile)'],
  [['report'], 2, 'which report? (daily, monthly, requests, reconcile)'],
  [['keys', 'set'], 2, 'keys set needs a PROVIDER (e.g. anthropic)'],
  [['keys', 'set', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789'], 2, 'that looks like an API key on the command line; nothing was stored'],
  [['keys', 'frob'], 2, 'unknown keys command "frob" (set, list, label or rm)'],
  [['import', 'bogus'], 2, `cannot import "bogus" (${IMPORT_SOURCES.join(' or ')})`],
  [['import'], 2, `import what? ${IMPORT_SOURCES.join(' or ')}`],
  [['windows', 'extra'], 2, 'unexpected argument "extra"'],
  [['windows', '--jsn'], 2, 'unknown option --jsn (this command takes --json, --data-dir)'],
  [['frobnicate'], 2, 'unknown command "frobnicate"'],
];

describe('what the CLI refuses, and how it says so', () => {
  it.each(REFUSED)('%j', async (argv, code, message) => {
    const dataDir = tempDir();
    const run = await runCliCaptured([...argv, ...(argv[0] === 'frobnicate' ? [] : ['--data-dir', dataDir])], { stdin: '' });
    expect(run.stderr).toContain(message);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stdout).toBe('');
    // The parser's own wording never reaches the user, nor a stack trace.
    expect(run.stderr).not.toMatch(/ambiguous|Option '|TypeError|ERR_PARSE_ARGS|^\s+at /m);
  });

  it('a --data-dir that is a file, or empty, is said so by every command (not "No budgets set.")', async () => {
    const file = `${tempDir()}/not-a-folder`;
    (await import('node:fs')).writeFileSync(file, 'x');
    for (const argv of [['budget', 'list'], ['keys', 'list'], ['report', 'daily'], ['sync', 'status']]) {
      const run = await runCliCaptured([...argv, '--data-dir', file]);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.stderr, argv.join(' ')).toContain(`the data folder ${file} is a file, not a folder`);
    }
    const empty = await runCliCaptured(['budget', 'list', '--data-dir', ''], { env: { TOKENTALLY_DATA_DIR: tempDir() } });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('--data-dir is empty');
  });

  it('refuses a provider that is not among the custom ones in the settings, and takes one that is', async () => {
    const dataDir = tempDir();
    // A ledger with a custom provider: the known list grows with it.
    const { openDatabase, writeSettings, readSettings } = await import('../../electron/core/ledger/index.js');
    const db = openDatabase(dataDir);
    writeSettings(db, { ...readSettings(db).settings, customProviders: [{ name: 'groq', baseUrl: 'https://api.groq.com/openai/v1' }] });
    db.close();
    const refused = await runCliCaptured(['prices', 'llama-3.3-70b', '--provider', 'grok', '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`unknown provider "grok": known providers are ${[...BUILT_IN_REGISTRY.ids(), 'groq'].join(', ')}`);
    const taken = await runCliCaptured(['prices', 'llama-3.3-70b', '--provider', 'groq', '--input', '1000', '--data-dir', dataDir]);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
  });
});

describe('tokentally --help', () => {
  it('lists every command, with each of its subcommands', async () => {
    const run = await runCliCaptured(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(MAIN_USAGE + '\n');
    for (const c of COMMANDS) {
      expect(run.stdout).toMatch(new RegExp(`^  ${c.name}\\b`, 'm'));
      for (const sub of c.subcommands ?? []) expect(run.stdout, `${c.name} ${sub}`).toMatch(new RegExp(`^  ${c.name} (\\S+\\|)*${sub}\\b`, 'm'));
    }
    expect(run.stdout).toMatch(/^ {2}import claude-code\|codex\b/m);
  });

  it('has a help page for every command and subcommand it lists (so none is listed that does not exist)', async () => {
    for (const c of COMMANDS) {
      for (const argv of [[c.name, '--help'], ...(c.subcommands ?? []).map((sub) => [c.name, sub, '--help'])]) {
        const run = await runCliCaptured(argv);
        expect(run.code, `${argv.join(' ')}: ${run.stderr}`).toBe(0);
        expect(run.stdout, argv.join(' ')).toMatch(/^Usage/);
      }
    }
  });

  it('prints the help and exits 2 when no command is given', async () => {
    const run = await runCliCaptured([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(MAIN_USAGE + '\n');
  });
});
