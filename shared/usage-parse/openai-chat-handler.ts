import { asObject, isJsonSpace, parseJson, text, type JsonObject } from './json-fields.js';
import { noteOpenAiCost, openAiUsageToTokens } from './openai-usage.js';
import { providerError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';
import type { FormatHandler, TapState } from './tap-state.js';

/** Chunks parsed at the start of a stream to learn the id and model (Azure's first chunk has neither). */
const IDENTITY_CHUNKS = 3;

/**
 * OpenAI Chat Completions and legacy Completions (and every OpenAI-compatible provider).
 * A stream carries usage in one late chunk (OpenAI: `choices: []` just before `data: [DONE]`;
 * OpenRouter, DeepSeek and vLLM may attach it to the last content chunk; Groq inside `x_groq`),
 * while every other chunk has `"usage":null` or none. Only chunks whose text shows a non-null
 * usage or an error are parsed, plus the first few for the id and model.
 */
export function createOpenAiChatHandler(state: TapState): FormatHandler {
  let identityChunksLeft = IDENTITY_CHUNKS;

  const readUsage = (usage: unknown): void => {
    const usageObject = asObject(usage);
    if (!usageObject) return;
    const reading = openAiUsageToTokens(usageObject);
    if (!reading.sawUsage && reading.costUsd === null && !reading.byok) return;
    // A later usage object (cumulative, e.g. vLLM's continuous usage stats) replaces an earlier one.
    state.tokens = reading.tokens;
    state.sawUsage = state.sawUsage || reading.sawUsage;
    noteOpenAiCost(state, reading);
  };

  const handle = (payload: JsonObject): void => {
    state.noteIdentity(payload.id, payload.model);
    // service_tier is on every chunk and on the body: the tier that actually served the call.
    state.serviceTier = text(payload.service_tier) ?? state.serviceTier;
    const error = providerError(payload);
    if (error) state.error = error;
    if (payload.usage != null) readUsage(payload.usage);
    else readUsage(asObject(payload.x_groq)?.usage);
  };

  return {
    onEvent(event: SseEvent): void {
      const data = event.data;
      if (data === '[DONE]' || (data.length < 16 && data.trim() === '[DONE]')) {
        state.complete = true;
        return;
      }
      const wanted = identityChunksLeft > 0 || hasNonNullUsage(data) || data.includes('"error"');
      if (!wanted) return;
      const payload = asObject(parseJson(data));
      if (!payload) return;
      handle(payload);
      if (identityChunksLeft > 0) {
        identityChunksLeft = state.responseId !== null && state.model !== null ? 0 : identityChunksLeft - 1;
      }
    },

    onBody(body: JsonObject): void {
      handle(body);
      state.complete = true;
    },

    finish(): void {},
  };
}

/** Whether the chunk text has a `"usage"` member whose value is not null. Cheap: no parse. */
function hasNonNullUsage(data: string): boolean {
  let at = data.indexOf('"usage"');
  while (at !== -1) {
    let i = at + 7;
    while (isJsonSpace(data.charCodeAt(i))) i++;
    if (data.charCodeAt(i) === 58 /* : */) {
      i++;
      while (isJsonSpace(data.charCodeAt(i))) i++;
      if (!data.startsWith('null', i)) return true;
    }
    at = data.indexOf('"usage"', at + 7);
  }
  return false;
}
