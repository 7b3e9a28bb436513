/**
 * Gemini CLI session logs read as usage. Facts from Gemini CLI's own source
 * (github.com/google-gemini/gemini-cli, packages/core/src/services/chatRecordingService.ts and
 * chatRecordingTypes.ts at 5411f113, 2026-08-21; read 2026-12-07):
 *
 * - Since v0.39.0 (f7449135, "migrate chat recording to JSONL streaming") a session is a JSONL
 *   file, one JSON object a line, only ever appended to: first a metadata line
 *   {sessionId, projectHash, startTime, lastUpdated, kind?}, then message records
 *   {id, timestamp, type, content, …}, metadata updates {"$set": {…}} (a `$set.messages` array
 *   re-lists the whole conversation after a compression or a history sync) and rewinds
 *   {"$rewindTo": id}. A message is appended again, whole and under the same id, whenever it
 *   changes (tool calls added, tokens attached), so one id appears on several lines.
 * - From v0.4.0 (b5dd6f9e) to v0.38 the same conversation was one pretty-printed JSON object,
 *   {sessionId, projectHash, startTime, lastUpdated, messages: […]}, rewritten in place (the
 *   legacy `.json` files; resuming one copies it into a `.jsonl` beside it, same ids).
 * - A `type: "gemini"` message holds `model` (the model the call really used) and `tokens`,
 *   the last usageMetadata of that model call's stream: {input: promptTokenCount,
 *   output: candidatesTokenCount, cached: cachedContentTokenCount, thoughts: thoughtsTokenCount,
 *   tool: toolUsePromptTokenCount, total: totalTokenCount}; thoughts and tool are absent from
 *   older files. Tokens are attached to one message only and never changed once set, so a
 *   message id is one model call. Messages without tokens (errors, info, the CLI's own synthetic
 *   replies) are no usage.
 *
 * A rewind removes messages from the conversation, not from the bill: calls stay counted. Each
 * line stands on its own (no state carries from one to the next).
 */
import { geminiUsageToTokens } from '../usage-parse/gemini-usage.js';
import { asObject, text, type JsonObject } from '../usage-parse/json-fields.js';
import { TOKEN_FIELDS, type TokenCounts } from '../usage.js';
import { UNKNOWN_MODEL } from './claude-code-line.js';
import { isPlausibleTime, isPlausibleTokens, LATEST_CALL_TIME } from './plausible-call.js';

/** One model call of a Gemini CLI session. */
export interface GeminiCall {
  /** "gemini-cli:<message id>": the id Gemini CLI gives the reply (a random UUID), the same in every copy. */
  externalId: string;
  /** Epoch ms of the message's timestamp (written when the call's stream ended). */
  time: number;
  model: string;
  tokens: TokenCounts;
}

export type GeminiLine =
  /** Every message on the line with usage (several for a `$set.messages` line); `malformed`: those with impossible figures, left out. */
  | { kind: 'calls'; calls: GeminiCall[]; malformed: number }
  /** Not a JSON object (a torn write). */
  | { kind: 'not-json' }
  /** Only messages with impossible figures or times (see plausible-call.ts): damage, not usage. */
  | { kind: 'malformed'; count: number }
  /** Metadata, rewinds, user/info/error messages, replies without tokens yet. */
  | { kind: 'other' };

/** The quoted key every line with usage holds; a line without it needs no parsing. */
export const TOKENS_KEY = '"tokens"';

const GEMINI_ID_PREFIX = 'gemini-cli:';

/** `latest`: the latest plausible time of a message (an import gives its clock plus a day, latestCallTime). */
export function readGeminiLine(line: string, latest: number = LATEST_CALL_TIME): GeminiLine {
  if (!line.includes(TOKENS_KEY)) return line.trim().startsWith('{') ? { kind: 'other' } : { kind: 'not-json' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { kind: 'not-json' };
  }
  const record = asObject(parsed);
  if (!record) return { kind: 'not-json' };
  const { calls, malformed } = callsInRecord(record, latest);
  if (calls.length > 0) return { kind: 'calls', calls, malformed };
  return malformed > 0 ? { kind: 'malformed', count: malformed } : { kind: 'other' };
}

/** The calls of a session file or line, and how many messages were left out for impossible figures. */
export interface GeminiCalls {
  calls: GeminiCall[];
  malformed: number;
}

/**
 * A legacy session file (the whole conversation as one JSON object). Null when the text is not
 * one: a file caught half-rewritten, or something else.
 */
export function readGeminiLegacySession(source: string, latest: number = LATEST_CALL_TIME): GeminiCalls | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return null;
  }
  const record = asObject(parsed);
  if (!record || !Array.isArray(record.messages)) return null;
  return callsInRecord(record, latest);
}

/** The calls of a legacy session file, or null (see readGeminiLegacySession). */
export function readGeminiLegacyFile(source: string): GeminiCall[] | null {
  return readGeminiLegacySession(source)?.calls ?? null;
}

/** A message record, a `$set` carrying `messages`, or a whole conversation (legacy). */
function callsInRecord(record: JsonObject, latest: number): GeminiCalls {
  const set = asObject(record.$set);
  const list = set ? set.messages : record.messages;
  const out: GeminiCalls = { calls: [], malformed: 0 };
  const take = (call: GeminiCall | 'malformed' | null) => {
    if (call === 'malformed') out.malformed++;
    else if (call) out.calls.push(call);
  };
  if (Array.isArray(list)) for (const item of list) take(callOf(asObject(item), latest));
  else take(callOf(record, latest));
  return out;
}

/** The message's call; null when it is no call, 'malformed' when its figures or its time are impossible. */
function callOf(message: JsonObject | null, latest: number): GeminiCall | 'malformed' | null {
  if (!message || message.type !== 'gemini') return null;
  const id = text(message.id);
  const summary = asObject(message.tokens);
  if (id === null || !summary) return null;
  const tokens = geminiTokens(summary);
  if (!tokens) return null;
  const time = typeof message.timestamp === 'string' ? Date.parse(message.timestamp) : NaN;
  if (!Number.isFinite(time)) return null;
  if (!isPlausibleTime(time, latest) || !isPlausibleTokens(tokens)) return 'malformed';
  return { externalId: GEMINI_ID_PREFIX + id, time, model: text(message.model) ?? UNKNOWN_MODEL, tokens };
}

/**
 * Gemini CLI's token summary is the call's usageMetadata under other names (chatRecordingService
 * recordMessageTokens): read as the proxy reads usageMetadata, so both count a call alike. Null
 * when nothing was counted.
 */
export function geminiTokens(summary: JsonObject): TokenCounts | null {
  const { tokens } = geminiUsageToTokens({
    promptTokenCount: summary.input,
    candidatesTokenCount: summary.output,
    cachedContentTokenCount: summary.cached,
    thoughtsTokenCount: summary.thoughts,
    toolUsePromptTokenCount: summary.tool,
    totalTokenCount: summary.total,
  });
  return TOKEN_FIELDS.some((field) => tokens[field] > 0) ? tokens : null;
}
