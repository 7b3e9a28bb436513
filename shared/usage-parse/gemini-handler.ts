import { geminiUsageToTokens } from './gemini-usage.js';
import { asObject, parseJson, text, type JsonObject } from './json-fields.js';
import { providerError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';
import type { FormatHandler, TapState } from './tap-state.js';

/**
 * Gemini `generateContent` (one JSON body) and `streamGenerateContent` (SSE with `alt=sse`, a
 * JSON array of the same objects without it: the tap hands each element to onBody). Each object
 * may carry `usageMetadata` (cumulative: the latest wins), `modelVersion`, `responseId`, and
 * candidates with a `finishReason` on the last one. A Google error is
 * `{"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED"}}`, also as a stream's last element.
 * The stream has no end marker of its own: a finishReason (or the array's closing bracket) means whole.
 */
export function createGeminiHandler(state: TapState): FormatHandler {
  let finished = false;

  const handle = (payload: JsonObject): void => {
    state.noteIdentity(payload.responseId, payload.modelVersion);
    const nested = asObject(payload.error);
    if (nested) {
      state.error = { type: text(nested.status) ?? providerError(payload)?.type ?? 'error', message: text(nested.message) ?? '' };
    }
    const usage = asObject(payload.usageMetadata);
    if (usage) {
      const reading = geminiUsageToTokens(usage);
      if (reading.sawUsage) {
        state.tokens = reading.tokens;
        state.sawUsage = true;
      }
    }
    const candidates = payload.candidates;
    if (Array.isArray(candidates) && candidates.some((c) => text(asObject(c)?.finishReason) !== null)) finished = true;
  };

  return {
    onEvent(event: SseEvent): void {
      const payload = asObject(parseJson(event.data));
      if (payload) handle(payload);
    },
    onBody(body: JsonObject): void {
      handle(body);
      // A whole JSON body is complete when it parsed; an array element only says so with its finishReason.
      if (body.candidates === undefined || finished) finished = true;
    },
    finish(): void {
      if (finished && state.error === null) state.complete = true;
    },
  };
}
