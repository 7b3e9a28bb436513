import { ZERO_TOKENS, type TokenCounts } from '../usage.js';
import { count, type JsonObject } from './json-fields.js';

/**
 * Gemini's `usageMetadata` as disjoint token counts.
 *
 * Facts (Gemini API reference, GenerateContentResponse.UsageMetadata, checked 2026-12-07; the
 * same in @google/genai 3.6's types):
 * - promptTokenCount INCLUDES cachedContentTokenCount (the cached part is billed at the cache rate);
 * - candidatesTokenCount is the visible answer; thoughtsTokenCount (thinking) is separate from it
 *   and billed at the output rate;
 * - toolUsePromptTokenCount (tool results fed back to the model) is input. Readers disagree on
 *   whether promptTokenCount already holds it; totalTokenCount settles it per response: when
 *   total = prompt + candidates + thoughts, it is inside the prompt; otherwise it is added.
 * In a stream every chunk may carry usageMetadata, cumulative: the latest one is the call's.
 */
export function geminiUsageToTokens(usage: JsonObject): { tokens: TokenCounts; sawUsage: boolean } {
  const prompt = count(usage.promptTokenCount);
  const candidates = count(usage.candidatesTokenCount);
  const cached = count(usage.cachedContentTokenCount) ?? 0;
  const thoughts = count(usage.thoughtsTokenCount) ?? 0;
  const toolUse = count(usage.toolUsePromptTokenCount) ?? 0;
  const total = count(usage.totalTokenCount);
  const promptTotal = prompt ?? 0;
  const answer = candidates ?? 0;
  const toolInsidePrompt = total !== null && total === promptTotal + answer + thoughts;
  const cacheRead = Math.min(cached, promptTotal);
  return {
    tokens: {
      ...ZERO_TOKENS,
      inputTokens: promptTotal - cacheRead + (toolInsidePrompt ? 0 : toolUse),
      cacheReadTokens: cacheRead,
      outputTokens: answer,
      reasoningTokens: thoughts,
    },
    sawUsage: prompt !== null || candidates !== null || total !== null,
  };
}
