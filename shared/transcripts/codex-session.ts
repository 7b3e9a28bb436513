/**
 * Codex CLI session logs (~/.codex/sessions/YYYY/MM/DD/rollout-*.jsonl) read as usage. Each line
 * is an envelope {timestamp, type, payload}. `session_meta` names the session and its working
 * directory (`cwd`), `turn_context` the model and working directory of the turns that follow, and an `event_msg` whose payload is a `token_count` carries
 * `info.total_token_usage` (the session's running total) and `info.last_token_usage` (the call
 * just made). Codex repeats a token_count with unchanged totals (rate-limit updates): those are
 * not new calls. The state a line needs from earlier ones (session, model, last total) is carried
 * between lines, and across passes by the caller. A token_count's `rate_limits` (the ChatGPT
 * plan's 5-hour and weekly windows) come back with whatever the line was (shared/windows/codex-limits.ts).
 */
import { openAiUsageToTokens } from '../usage-parse/openai-usage.js';
import { asObject, count, text, type JsonObject } from '../usage-parse/json-fields.js';
import type { TokenCounts } from '../usage.js';
import { UNKNOWN_MODEL } from './claude-code-line.js';
import type { WindowReading } from '../api/contract-windows.js';
import { readCodexRateLimits } from '../windows/codex-limits.js';
import { isPlausibleTime, isPlausibleTokens, LATEST_CALL_TIME } from './plausible-call.js';

/** A token_count's figures, as Codex names them. */
export interface CodexTotals {
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  reasoning_output_tokens: number;
  total_tokens: number;
}

/** What the lines read so far say about the lines to come (plain data: it is kept between passes). */
export interface CodexCarry {
  sessionId: string | null;
  model: string | null;
  /** The working directory: session_meta's, then each turn_context's (a turn can move it). */
  cwd: string | null;
  /** The last running total seen: a repeat of it is no new call, and older logs give only totals. */
  lastTotal: CodexTotals | null;
}

export function freshCodexCarry(): CodexCarry {
  return { sessionId: null, model: null, cwd: null, lastTotal: null };
}

const FIELDS = ['input_tokens', 'cached_input_tokens', 'output_tokens', 'reasoning_output_tokens'] as const;

/** One model call of a Codex session. */
export interface CodexCall {
  /** "codex:<session>:<running total>": stable however often the file is read again. */
  externalId: string;
  /** Epoch ms. */
  time: number;
  model: string;
  tokens: TokenCounts;
  sessionId: string;
  /** The turn's working directory (the project), when the log gave one. */
  cwd: string | null;
}

/** The plan windows a token_count reported, and when (epoch ms). */
interface CodexLimits {
  at: number;
  windows: WindowReading[];
}

export type CodexLine =
  | { kind: 'call'; call: CodexCall; limits?: CodexLimits }
  /** Not a JSON object (a torn write). */
  | { kind: 'not-json' }
  /** A token count equal to the last one: no new call (often a rate-limit update). */
  | { kind: 'repeat'; limits?: CodexLimits }
  /** A token count without a readable timestamp. */
  | { kind: 'no-time' }
  /** A call with impossible figures or time (see plausible-call.ts): a damaged line, not usage. */
  | { kind: 'malformed' }
  /** Any other line (messages, tool calls, context, a token count before the first call): read for the carry only. */
  | { kind: 'other'; limits?: CodexLimits };

/**
 * Read one line, updating `carry`. `fallbackSession` names the session when the log has no
 * session_meta line (the file name holds the session id). `latest`: the latest plausible time of a
 * line (an import gives its clock plus a day, latestCallTime); a later one is malformed, and its
 * rate limits are not read.
 */
export function readCodexLine(line: string, carry: CodexCarry, fallbackSession: string, latest: number = LATEST_CALL_TIME): CodexLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'not-json' };
  }
  const entry = asObject(parsed);
  if (!entry) return { kind: 'not-json' };
  const payload = asObject(entry.payload);
  if (!payload) return { kind: 'other' };
  switch (entry.type) {
    case 'session_meta':
      carry.sessionId = text(payload.id) ?? carry.sessionId;
      carry.model = text(payload.model) ?? carry.model;
      carry.cwd = text(payload.cwd) ?? carry.cwd;
      return { kind: 'other' };
    case 'turn_context':
      carry.model = text(payload.model) ?? carry.model;
      carry.cwd = text(payload.cwd) ?? carry.cwd;
      return { kind: 'other' };
    case 'event_msg':
      return payload.type === 'token_count' ? tokenCount(entry, payload, carry, fallbackSession, latest) : { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}

function tokenCount(entry: JsonObject, payload: JsonObject, carry: CodexCarry, fallbackSession: string, latest: number): CodexLine {
  const time = typeof entry.timestamp === 'string' ? Date.parse(entry.timestamp) : NaN;
  const limits = limitsOf(payload, time, latest);
  const info = asObject(payload.info);
  if (!info) return { kind: 'other', ...limits }; // sent before the first call: rate limits only
  const total = totalsOf(asObject(info.total_token_usage));
  const last = totalsOf(asObject(info.last_token_usage));
  const previous = carry.lastTotal;
  if (total && previous && total.total_tokens === previous.total_tokens) return { kind: 'repeat', ...limits };
  if (total) carry.lastTotal = total;
  // The call's own figures; an older log gives only running totals, whose difference is the call.
  const usage = last ?? (total ? difference(total, previous) : null);
  if (!usage) return { kind: 'other', ...limits };
  if (!Number.isFinite(time)) return { kind: 'no-time' };
  // The running total carried above stays: a later call's figures are its own (or the difference
  // from this total), whatever this one said.
  const tokens = codexUsageToTokens(usage);
  if (!isPlausibleTime(time, latest) || !isPlausibleTokens(tokens)) return { kind: 'malformed' };
  const session = carry.sessionId ?? fallbackSession;
  return {
    ...limits,
    kind: 'call',
    call: {
      externalId: `codex:${session}:${total ? total.total_tokens : `t${time}`}`,
      time,
      model: carry.model ?? UNKNOWN_MODEL,
      tokens,
      sessionId: session,
      cwd: carry.cwd,
    },
  };
}

/** { limits } when the event carries readable rate limits and a plausible time, else {}. */
function limitsOf(payload: JsonObject, time: number, latest: number): { limits?: CodexLimits } {
  if (payload.rate_limits === undefined || payload.rate_limits === null || !isPlausibleTime(time, latest)) return {};
  const windows = readCodexRateLimits(payload.rate_limits, time);
  return windows.length > 0 ? { limits: { at: time, windows } } : {};
}

function totalsOf(o: JsonObject | null): CodexTotals | null {
  if (!o) return null;
  const input = count(o.input_tokens);
  const output = count(o.output_tokens);
  if (input === null && output === null) return null;
  const t: CodexTotals = {
    input_tokens: input ?? 0,
    cached_input_tokens: count(o.cached_input_tokens) ?? 0,
    output_tokens: output ?? 0,
    reasoning_output_tokens: count(o.reasoning_output_tokens) ?? 0,
    total_tokens: 0,
  };
  // Codex's total is input + output (cached and reasoning are inside those).
  t.total_tokens = count(o.total_tokens) ?? t.input_tokens + t.output_tokens;
  return t;
}

function difference(total: CodexTotals, previous: CodexTotals | null): CodexTotals {
  if (!previous) return total;
  const d = { ...total };
  for (const f of FIELDS) d[f] = Math.max(0, total[f] - previous[f]);
  d.total_tokens = Math.max(0, total.total_tokens - previous.total_tokens);
  return d;
}

/**
 * Codex counts as the OpenAI Responses API does: cached input inside input, reasoning inside
 * output. As disjoint kinds, each token billed once.
 */
function codexUsageToTokens(usage: CodexTotals): TokenCounts {
  return openAiUsageToTokens({
    input_tokens: usage.input_tokens,
    input_tokens_details: { cached_tokens: usage.cached_input_tokens },
    output_tokens: usage.output_tokens,
    output_tokens_details: { reasoning_tokens: usage.reasoning_output_tokens },
  }).tokens;
}

/** The session id a rollout file's name ends with (rollout-<time>-<uuid>.jsonl), else the name. */
export function sessionIdFromFileName(name: string): string {
  const base = name.replace(/\.jsonl$/, '');
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.exec(base);
  return uuid ? uuid[0] : base;
}
