import type { TokenCounts } from '../usage.js';
import { asObject, count, type JsonObject } from './json-fields.js';

export interface OpenAiUsageReading {
  tokens: TokenCounts;
  /** The object carried at least one token number. */
  sawUsage: boolean;
  /** Provider-reported cost in USD (OpenRouter `usage.cost`), or null. */
  costUsd: number | null;
  /** OpenRouter `usage.is_byok`: the call ran on the user's own provider key. */
  byok: boolean;
  /**
   * For a BYOK call, what the upstream provider charged that key (`cost_details.upstream_inference_cost`);
   * null otherwise. OpenRouter fills the field on ordinary calls too (equal to `cost`), so it is only
   * read when is_byok is true.
   */
  byokUpstreamCostUsd: number | null;
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
  const byok = usage.is_byok === true;
  return {
    tokens,
    sawUsage: prompt !== null || completion !== null,
    costUsd: dollars(usage.cost),
    byok,
    byokUpstreamCostUsd: byok ? dollars(asObject(usage.cost_details)?.upstream_inference_cost) : null,
  };
}

function dollars(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Copy a reading's money facts into the tap state (shared by the chat, responses and embeddings handlers). */
export function noteOpenAiCost(state: { providerCostUsd: number | null; byok: boolean; byokUpstreamCostUsd: number | null }, reading: OpenAiUsageReading): void {
  if (reading.costUsd !== null) state.providerCostUsd = reading.costUsd;
  if (reading.byok) {
    state.byok = true;
    state.byokUpstreamCostUsd = reading.byokUpstreamCostUsd;
  }
}
