import { asObject, parseJson, text, type JsonObject } from './json-fields.js';
import { noteOpenAiCost, openAiUsageToTokens } from './openai-usage.js';
import { providerError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';
import type { FormatHandler, TapState } from './tap-state.js';

/** Events that end a Responses stream and carry the final usage. */
const TERMINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);
/** Events that name the response before any output. */
const OPENING_EVENTS = new Set(['response.created', 'response.in_progress', 'response.queued']);

/**
 * OpenAI Responses API. Usage comes in the terminal event's `response.usage`:
 *   response.completed  → complete
 *   response.incomplete → complete too: the stream ended properly and its usage is final (the
 *                         response stopped early, e.g. at max_output_tokens, and is billed as such);
 *                         only a stream cut before a terminal event is incomplete.
 *   response.failed     → complete, with `error` from response.error (usage kept when reported).
 * A stream-level `error` event sets error. Delta events (the bulk) are skipped by name, unparsed.
 */
export function createOpenAiResponsesHandler(state: TapState): FormatHandler {
  const readResponse = (response: JsonObject, terminal: boolean): void => {
    state.noteIdentity(response.id, response.model);
    state.serviceTier = text(response.service_tier) ?? state.serviceTier;
    if (!terminal) return;
    const usage = asObject(response.usage);
    if (usage) {
      const reading = openAiUsageToTokens(usage);
      state.tokens = reading.tokens;
      state.sawUsage = state.sawUsage || reading.sawUsage;
      noteOpenAiCost(state, reading);
    }
    const error = providerError(response);
    if (error) state.error = error;
    else if (response.status === 'failed') state.error = { type: 'response_failed', message: '' };
    state.complete = true;
  };

  const handle = (payload: JsonObject, eventName: string): void => {
    const type = typeof payload.type === 'string' ? payload.type : eventName;
    if (type === 'error') {
      state.error = providerError(payload) ?? { type: 'error', message: '' };
      return;
    }
    const response = asObject(payload.response);
    if (!response) return;
    if (TERMINAL_EVENTS.has(type)) readResponse(response, true);
    else if (OPENING_EVENTS.has(type)) readResponse(response, false);
  };

  return {
    onEvent(event: SseEvent): void {
      const name = event.event;
      if (name !== '' && name !== 'error' && !TERMINAL_EVENTS.has(name) && !OPENING_EVENTS.has(name)) return;
      if (name === '' && !event.data.includes('"response"') && !event.data.includes('"error"')) return;
      const payload = asObject(parseJson(event.data));
      if (payload) handle(payload, name);
    },

    onBody(body: JsonObject): void {
      if (body.object === 'response' || asObject(body.usage)) {
        readResponse(body, true);
      } else {
        state.error = providerError(body);
        state.complete = true;
      }
    },

    finish(): void {},
  };
}
