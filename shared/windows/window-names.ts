/**
 * Window names, one spelling for every source. Anthropic's headers say "5h", "7d", "7d_opus",
 * "7d_sonnet", "overage"; its representative claim, the OAuth usage endpoint, Claude Code's
 * status line and its state file say "five_hour", "seven_day", "seven_day_opus". Both map to the
 * short form. Names nobody has listed yet are kept (lower-case), never dropped.
 */

const LONG_PREFIXES: readonly (readonly [string, string])[] = [
  ['five_hour', '5h'],
  ['seven_day', '7d'],
];

/** The usage endpoint's and Claude Code's name for extra usage. */
const ALIASES: Readonly<Record<string, string>> = { extra_usage: 'overage' };

/** "five_hour" → "5h", "seven_day_opus" → "7d_opus", "7D" → "7d"; anything else lower-cased and trimmed. */
export function windowName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (ALIASES[name]) return ALIASES[name];
  for (const [long, short] of LONG_PREFIXES) {
    if (name === long || name.startsWith(`${long}_`)) return short + name.slice(long.length);
  }
  return name;
}

const LENGTH = /^(\d+)(m|h|d|w)(?:_|$)/;
const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };

/** The length a window's name says ("5h" → 300, "7d_opus" → 10080); null when it says none ("overage"). */
export function windowMinutesOf(name: string): number | null {
  const m = LENGTH.exec(name);
  if (!m) return null;
  const minutes = Number(m[1]) * UNIT_MINUTES[m[2]!]!;
  return minutes > 0 ? minutes : null;
}

/** A name for a window of this many minutes (Codex says only the length): 300 → "5h", 10080 → "7d". */
export function nameForMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** "5-hour", "Weekly", "Weekly (Opus)", "30-day", "Extra usage"; unknown names as they are. */
export function windowLabel(name: string): string {
  const m = LENGTH.exec(name);
  if (!m) return name === 'overage' ? 'Extra usage' : name;
  const rest = name.slice(m[0].length).replace(/_/g, ' ').trim();
  const n = Number(m[1]);
  const base = m[2] === 'd' && n === 7 ? 'Weekly' : m[2] === 'w' && n === 1 ? 'Weekly' : `${n}-${{ m: 'minute', h: 'hour', d: 'day', w: 'week' }[m[2]!]}`;
  return rest ? `${base} (${capitalize(rest)})` : base;
}

/** The tray's compact form: "5h", "7d", "7d opus". */
export function windowShortName(name: string): string {
  return name.replace(/_/g, ' ');
}

/**
 * Extra usage (overage) is pay-as-you-go past the plan's limits, not a window that runs out:
 * it is stored and listed, never ranked on the runway nor notified.
 */
export function isRunwayWindow(name: string): boolean {
  return !name.startsWith('overage');
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
