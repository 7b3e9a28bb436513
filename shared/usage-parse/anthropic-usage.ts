import type { TokenCounts } from '../usage.js';
import { asObject, count, text, type JsonObject } from './json-fields.js';

/**
 * Anthropic usage as seen so far in one response, field by field; null = not reported yet.
 * A stream reports usage in message_start and again, cumulatively, in every message_delta,
 * so values are replaced, never summed.
 */
export interface AnthropicUsageSoFar {
  input: number | null;
  cacheWriteTotal: number | null;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
  cacheRead: number | null;
  output: number | null;
  webSearchRequests: number | null;
  /** Web fetches (server_tool_use.web_fetch_requests): no fee beyond tokens, counted for the record. */
  webFetchRequests: number | null;
  /** usage.service_tier: standard | priority | batch. */
  serviceTier: string | null;
  /** usage.speed: fast | standard (fast mode). */
  speed: string | null;
  /** usage.inference_geo: where inference ran (us | global). */
  inferenceGeo: string | null;
}

export function emptyAnthropicUsage(): AnthropicUsageSoFar {
  return {
    input: null,
    cacheWriteTotal: null,
    cacheWrite5m: null,
    cacheWrite1h: null,
    cacheRead: null,
    output: null,
    webSearchRequests: null,
    webFetchRequests: null,
    serviceTier: null,
    speed: null,
    inferenceGeo: null,
  };
}

/**
 * Merge one `usage` object into what is known. Latest non-null value wins; for input-side fields
 * the latest NON-ZERO value wins, because some gateways send `input_tokens: 0` in message_start
 * and the real figure only in message_delta (and a later 0 must not erase a real figure).
 * Returns whether the object carried any usage number.
 */
export function mergeAnthropicUsage(known: AnthropicUsageSoFar, usage: JsonObject): boolean {
  let saw = false;
  const latestNonZero = (current: number | null, raw: unknown): number | null => {
    const value = count(raw);
    if (value === null) return current;
    saw = true;
    return value !== 0 || current === null ? value : current;
  };
  const latest = (current: number | null, raw: unknown): number | null => {
    const value = count(raw);
    if (value === null) return current;
    saw = true;
    return value;
  };
  known.input = latestNonZero(known.input, usage.input_tokens);
  known.cacheWriteTotal = latestNonZero(known.cacheWriteTotal, usage.cache_creation_input_tokens);
  known.cacheRead = latestNonZero(known.cacheRead, usage.cache_read_input_tokens);
  const split = asObject(usage.cache_creation);
  if (split) {
    known.cacheWrite5m = latestNonZero(known.cacheWrite5m, split.ephemeral_5m_input_tokens);
    known.cacheWrite1h = latestNonZero(known.cacheWrite1h, split.ephemeral_1h_input_tokens);
  }
  known.output = latest(known.output, usage.output_tokens);
  const serverTools = asObject(usage.server_tool_use);
  if (serverTools) {
    known.webSearchRequests = latest(known.webSearchRequests, serverTools.web_search_requests);
    known.webFetchRequests = latest(known.webFetchRequests, serverTools.web_fetch_requests);
  }
  // How the call was served: these change the price (shared/pricing/price-rules.ts), not the counts.
  known.serviceTier = text(usage.service_tier) ?? known.serviceTier;
  known.speed = text(usage.speed) ?? known.speed;
  known.inferenceGeo = text(usage.inference_geo) ?? known.inferenceGeo;
  return saw;
}

/**
 * Disjoint token counts. Cache writes use the 5m/1h split when given; whatever part of
 * cache_creation_input_tokens the split does not explain is billed at the 5m rate (all of it
 * when only the total is given). Thinking is inside output_tokens, so reasoningTokens stays 0.
 */
export function anthropicTokens(known: AnthropicUsageSoFar): TokenCounts {
  const write1h = known.cacheWrite1h ?? 0;
  let write5m = known.cacheWrite5m ?? 0;
  const total = known.cacheWriteTotal;
  if (total !== null && total > write5m + write1h) write5m = total - write1h;
  return {
    inputTokens: known.input ?? 0,
    cacheWrite5mTokens: write5m,
    cacheWrite1hTokens: write1h,
    cacheReadTokens: known.cacheRead ?? 0,
    outputTokens: known.output ?? 0,
    reasoningTokens: 0,
    webSearchRequests: known.webSearchRequests ?? 0,
  };
}

/** How one complete Anthropic `usage` object says the call was served (they set its price). */
export function anthropicUsageFacts(usage: JsonObject): { serviceTier: string | null; speed: string | null; inferenceGeo: string | null; webFetchRequests: number } {
  const known = emptyAnthropicUsage();
  mergeAnthropicUsage(known, usage);
  return { serviceTier: known.serviceTier, speed: known.speed, inferenceGeo: known.inferenceGeo, webFetchRequests: known.webFetchRequests ?? 0 };
}

/** One complete Anthropic `usage` object (non-streamed message, transcript line) as token counts. */
export function anthropicUsageToTokens(usage: JsonObject): TokenCounts {
  const known = emptyAnthropicUsage();
  mergeAnthropicUsage(known, usage);
  return anthropicTokens(known);
}
