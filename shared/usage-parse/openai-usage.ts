import type { TokenCounts } from '../usage.js';
import { asObject, count, type JsonObject } from './json-fields.js';

export interface OpenAiUsageReading {
  tokens: TokenCounts;
  /** The object carried at least one token number. */
  sawUsage: boolean;
  /** Provider-reported cost in USD (OpenRouter `usage.cost`), or null. */
  costUsd: number | null;
}

/**
 * An OpenAI-style `usage` object as disjoint token counts. Accepts both shapes:
 *   Chat / Completions / Embeddings: prompt_tokens (+ prompt_tokens_details.cached_tokens,
 *     OpenRouter's cache_write_tokens, DeepSeek's prompt_cache_hit_tokens / _miss_tokens),
 *     completion_tokens (+ completion_tokens_details.reasoning_tokens);
 *   Responses: input_tokens (+ input_tokens_details.cached_tokens),
 *     output_tokens (+ output_tokens_details.reasoning_tokens).
 * The totals INCLUDE their details, so the details are subtracted: each token is billed once.
 * When a detail exceeds its total, that provider evidently reports them separately; then the
 * total is taken as the exclusive figure rather than going negative.
 */
export function openAiUsageToTokens(usage: JsonObject): OpenAiUsageReading {
  const promptDetails = asObject(usage.prompt_tokens_details) ?? asObject(usage.input_tokens_details);
  const completionDetails = asObject(usage.completion_tokens_details) ?? asObject(usage.output_tokens_details);

  const cacheHit = count(usage.prompt_cache_hit_tokens);
  const cacheMiss = count(usage.prompt_cache_miss_tokens);
  let prompt = count(usage.prompt_tokens) ?? count(usage.input_tokens);
  if (prompt === null && cacheHit !== null && cacheMiss !== null) prompt = cacheHit + cacheMiss;
  const cacheRead = cacheHit ?? count(promptDetails?.cached_tokens) ?? 0;
  const cacheWrite = count(promptDetails?.cache_write_tokens) ?? 0;
  const completion = count(usage.completion_tokens) ?? count(usage.output_tokens);
  const reasoning = count(completionDetails?.reasoning_tokens) ?? 0;

  const promptTotal = prompt ?? 0;
  const completionTotal = completion ?? 0;
  const inside = cacheRead + cacheWrite;
  const tokens: TokenCounts = {
    inputTokens: inside <= promptTotal ? promptTotal - inside : promptTotal,
    cacheWrite5mTokens: cacheWrite,
    cacheWrite1hTokens: 0,
    cacheReadTokens: cacheRead,
    outputTokens: reasoning <= completionTotal ? completionTotal - reasoning : completionTotal,
    reasoningTokens: reasoning,
    webSearchRequests: 0,
  };
  const cost = usage.cost;
  return {
    tokens,
    sawUsage: prompt !== null || completion !== null,
    costUsd: typeof cost === 'number' && Number.isFinite(cost) && cost >= 0 ? cost : null,
  };
}
