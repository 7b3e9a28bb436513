import { emptyAnthropicUsage, anthropicTokens, mergeAnthropicUsage } from './anthropic-usage.js';
import { asObject, parseJson, type JsonObject } from './json-fields.js';
import { providerError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';
import type { FormatHandler, TapState } from './tap-state.js';
import { deltaPayloadChars, OUTPUT_CHARS_PER_TOKEN } from './delivered-text.js';

/**
 * Anthropic Messages: message_start's usage, merged with every (cumulative) message_delta usage;
 * message_stop ends the stream properly; `event: error` may arrive after HTTP 200.
 * Content-block events and pings are the bulk of a stream and carry no usage: they are
 * recognised by their event name and never parsed.
 *
 * message_start's output_tokens is a placeholder (1-3); the real figure comes in message_delta at
 * the end. A stream cut before it (the client aborts, the network drops) is counted from what was
 * delivered: the characters of its text, thinking and tool-input deltas, measured without parsing
 * them, turned into tokens as an estimate that errs high, and marked as estimated.
 */
export function createAnthropicMessagesHandler(state: TapState): FormatHandler {
  const known = emptyAnthropicUsage();
  let deliveredChars = 0;
  let finalOutput = false;

  const mergeUsage = (usage: unknown): void => {
    const usageObject = asObject(usage);
    if (usageObject && mergeAnthropicUsage(known, usageObject)) state.sawUsage = true;
  };

  const handle = (payload: JsonObject, eventName: string): void => {
    const type = typeof payload.type === 'string' ? payload.type : eventName;
    switch (type) {
      case 'message_start': {
        const message = asObject(payload.message);
        if (message) {
          state.noteIdentity(message.id, message.model);
          mergeUsage(message.usage);
        }
        break;
      }
      case 'message_delta': {
        mergeUsage(payload.usage);
        const usage = asObject(payload.usage);
        if (usage && typeof usage.output_tokens === 'number') finalOutput = true;
        break;
      }
      case 'message_stop':
        state.complete = true;
        break;
      case 'error':
        state.error = providerError(payload) ?? { type: 'error', message: '' };
        break;
      default:
        break;
    }
  };

  return {
    onEvent(event: SseEvent): void {
      switch (event.event) {
        case 'content_block_delta':
          deliveredChars += deltaPayloadChars(event.data);
          return;
        case 'content_block_start':
        case 'content_block_stop':
        case 'ping':
          return;
        case 'message_stop':
          state.complete = true;
          return;
        case 'message_start':
        case 'message_delta':
        case 'error':
          break;
        default: {
          // Unnamed or unknown events: only look inside when they could matter.
          const data = event.data;
          if (data.includes('"content_block_delta"')) {
            deliveredChars += deltaPayloadChars(data);
            return;
          }
          if (!data.includes('"usage"') && !data.includes('"error"') && !data.includes('message_stop')) return;
        }
      }
      const payload = asObject(parseJson(event.data));
      if (payload) handle(payload, event.event);
    },

    onBody(body: JsonObject): void {
      const error = providerError(body);
      if (error) {
        state.error = error;
      } else {
        state.noteIdentity(body.id, body.model);
        mergeUsage(body.usage);
      }
      state.complete = true;
    },

    finish(): void {
      state.tokens = anthropicTokens(known);
      state.webFetchRequests = known.webFetchRequests ?? 0;
      state.serviceTier = known.serviceTier;
      state.speed = known.speed;
      state.inferenceGeo = known.inferenceGeo;
      if (state.complete || finalOutput || deliveredChars === 0) return;
      const estimate = Math.ceil(deliveredChars / OUTPUT_CHARS_PER_TOKEN);
      if (estimate > state.tokens.outputTokens) {
        state.tokens.outputTokens = estimate;
        state.outputEstimate = { deliveredChars };
      }
    },
  };
}
