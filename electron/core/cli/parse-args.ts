import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseUsd, type Nano } from '../../../shared/money.js';
import { MisplacedCommaError, withoutThousandsCommas } from '../../../shared/thousands.js';
import { UsageError } from './io.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A value that starts with a dash but is a number (`--monthly -5`): the parser would call it ambiguous. */
const NEGATIVE_NUMBER = /^-\$?(\d|\.\d)/;

/**
 * node:util parseArgs, with its errors said in plain words (never the parser's own text) and
 * carrying the command's usage. A negative number after an option that takes a value is that
 * option's value, so the command's own check can say what is wrong with it.
 */
export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: joinNegativeValues(args, all), options: all, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(plainParseError(err, all), usage);
  }
}

function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : null;
    const next = args[i + 1];
    if (name !== null && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** What parseArgs refused, in the CLI's words. */
function plainParseError(err: unknown, options: Options): string {
  const code = errorCode(err);
  const message = errorMessage(err);
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  const known = Object.keys(options)
    .filter((o) => o !== 'help')
    .map((o) => `--${o}`);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    return `unknown option ${option}${known.length ? ` (this command takes ${known.join(', ')})` : ' (this command takes no options)'}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    const name = option.replace(/^-+/, '');
    const long = Object.keys(options).find((o) => o === name || options[o]?.short === name) ?? name;
    return options[long]?.type === 'boolean' ? `--${long} takes no value` : `--${long} needs a value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const arg = /'([^']*)'/.exec(message)?.[1];
    return `unexpected argument${arg ? ` "${arg}"` : ''}`;
  }
  return message.replace(/^TypeError \[[A-Z_]+\]: /, '');
}

/** A whole non-negative number from a flag ("5000", "5_000", "5,000"), or a UsageError naming the flag. */
export function parseCount(value: string | undefined, flag: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const typed = value.trim().replace(/_/g, '');
  if (/^-[\d,]+(\.\d+)?$/.test(typed)) throw new UsageError(`${flag} cannot be negative, got ${value.trim()}`, usage);
  // A comma only separates thousands: "1,5" is refused, not read as 15.
  const digits = withoutThousandsCommas(typed);
  if (digits === null) throw new UsageError(`${flag} takes a whole number such as 5000 (a comma only separates thousands, as in 1,000), got "${value}"`, usage);
  if (!/^\d+$/.test(digits)) throw new UsageError(`${flag} takes a whole number such as 5000, got "${value}"`, usage);
  const n = Number(digits);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} is too large, got ${value.trim()}`, usage);
  return n;
}

/** An amount of dollars from a flag ("50", "49.99", "$1,200"), 0 or more, or a UsageError in plain words. */
export function parseUsdFlag(value: string, flag: string, usage: string): Nano {
  if (/^-\s*\$?[\d.]/.test(value.trim())) throw new UsageError(`${flag} cannot be negative, got ${value.trim()}: give an amount of dollars such as 50 or 49.99`, usage);
  try {
    return parseUsd(value);
  } catch (err) {
    // "49,99": say to use a dot for cents, rather than read it as $4,999.
    if (err instanceof MisplacedCommaError) throw new UsageError(`${flag} ${err.message}`, usage);
    throw new UsageError(`${flag} takes an amount of dollars such as 50 or 49.99, got "${value}"`, usage);
  }
}
