/**
 * One line of a Claude Code transcript (~/.claude/projects/<project>/<session>.jsonl) read as
 * usage. Claude Code writes one line per content block of an assistant reply, each repeating the
 * message id, request id and usage; while streaming it also writes partial copies whose
 * output_tokens grow. Callers keep one record per message: see messageKey and isMoreComplete.
 */
import { anthropicUsageToTokens } from '../usage-parse/anthropic-usage.js';
import { asObject, text } from '../usage-parse/json-fields.js';
import { TOKEN_FIELDS, type TokenCounts } from '../usage.js';
import { isPlausibleTime, isPlausibleTokens, LATEST_CALL_TIME } from './plausible-call.js';

/** What one assistant line says about its message. */
export interface TranscriptMessage {
  /** De-duplication key: "<requestId>:<message.id>" (see messageKey). */
  externalId: string;
  messageId: string | null;
  /** Anthropic request id (the `request-id` header): the same id the proxy records. */
  requestId: string | null;
  /** Epoch ms of the line's timestamp. */
  time: number;
  model: string;
  tokens: TokenCounts;
  sessionId: string | null;
  /** The session's working directory (every line carries `cwd`): the project, see shared/projects/. */
  cwd: string | null;
  /** Written by a sub-agent (Task tool); its usage is real and is counted. */
  sidechain: boolean;
}

type SkipReason =
  /** Not a JSON object (a torn write, a stray log line). */
  | 'not-json'
  /** A line of another kind (user, summary, system) or without message.usage. */
  | 'no-usage'
  /** Written by Claude Code itself, not by the API: model "<synthetic>". */
  | 'synthetic'
  /** An error Claude Code shows as a reply (isApiErrorMessage): not usage. */
  | 'api-error'
  /** No readable timestamp: the message cannot be placed on a day. */
  | 'no-time'
  /** Impossible figures (token counts, a time before 1970 or after the latest plausible one: see plausible-call.ts): a damaged line, not usage. */
  | 'malformed';

export type LineResult = { ok: true; message: TranscriptMessage } | { ok: false; reason: SkipReason };

/** Model id Claude Code gives the replies it makes up itself (errors, interruptions). */
const SYNTHETIC_MODEL = '<synthetic>';

/** Model id stored when a line names none (priced conservatively as unknown). */
export const UNKNOWN_MODEL = 'unknown';

/** The quoted key every usage line holds; a line without it needs no parsing. */
export const USAGE_KEY = '"usage"';

/**
 * The key one reply's lines share: request id and message id. It starts with the request id so
 * the ledger finds an imported message by the request id the proxy saw (migration 4). Without a
 * request id (very old transcripts) the message id alone; without either, the line's own uuid or,
 * failing that, its text.
 */
export function messageKey(messageId: string | null, requestId: string | null, uuid: string | null, line: () => string): string {
  if (messageId !== null && requestId !== null) return `${requestId}:${messageId}`;
  if (messageId !== null) return messageId;
  if (uuid !== null) return `uuid:${uuid}`;
  return `line:${hashText(line())}`;
}

/** FNV-1a (32-bit) of the text, hex: a stable key for lines that carry no id at all. */
function hashText(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${s.length}`;
}

export function totalTokens(t: TokenCounts): number {
  let sum = 0;
  for (const field of TOKEN_FIELDS) sum += t[field];
  return sum;
}

/**
 * Whether `next` is a more complete copy of a message than `prev`: more tokens in all. Streaming
 * copies only grow, so the largest is the final one; on a tie the copy seen first is kept (as
 * ccusage does, so both tools place a message on the same day).
 */
export function isMoreComplete(prev: TokenCounts, next: TokenCounts): boolean {
  return totalTokens(next) > totalTokens(prev);
}

/** `latest`: the latest plausible time of a message (epoch ms; an import gives its clock plus a day, latestCallTime). */
export function parseClaudeCodeLine(line: string, latest: number = LATEST_CALL_TIME): LineResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const entry = asObject(parsed);
  if (!entry) return { ok: false, reason: 'not-json' };
  return readEntry(entry, () => line, latest);
}

/** The same, for an already parsed line (`line` gives its text, needed only when it has no id). */
function readEntry(entry: Record<string, unknown>, line: () => string, latest: number): LineResult {
  // Usage lives in message.usage of assistant lines. User lines may carry a sub-agent's usage in
  // toolUseResult.usage: that is a summary of sidechain lines counted on their own, not a call.
  if (entry.type !== undefined && entry.type !== 'assistant') return { ok: false, reason: 'no-usage' };
  const message = asObject(entry.message);
  const usage = message ? asObject(message.usage) : null;
  if (!message || !usage) return { ok: false, reason: 'no-usage' };
  const model = text(message.model) ?? UNKNOWN_MODEL;
  if (model === SYNTHETIC_MODEL) return { ok: false, reason: 'synthetic' };
  if (entry.isApiErrorMessage === true) return { ok: false, reason: 'api-error' };
  const time = typeof entry.timestamp === 'string' ? Date.parse(entry.timestamp) : NaN;
  if (!Number.isFinite(time)) return { ok: false, reason: 'no-time' };
  if (!isPlausibleTime(time, latest)) return { ok: false, reason: 'malformed' };
  const tokens = anthropicUsageToTokens(usage);
  if (!isPlausibleTokens(tokens)) return { ok: false, reason: 'malformed' };
  const messageId = text(message.id);
  const requestId = text(entry.requestId);
  return {
    ok: true,
    message: {
      externalId: messageKey(messageId, requestId, text(entry.uuid), line),
      messageId,
      requestId,
      time,
      model,
      tokens,
      sessionId: text(entry.sessionId),
      cwd: text(entry.cwd),
      sidechain: entry.isSidechain === true,
    },
  };
}
