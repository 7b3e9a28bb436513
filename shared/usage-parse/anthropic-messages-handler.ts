import { emptyAnthropicUsage, anthropicTokens, mergeAnthropicUsage } from './anthropic-usage.js';
import { asObject, parseJson, type JsonObject } from './json-fields.js';
import { providerError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';
import type { FormatHandler, TapState } from './tap-state.js';

/**
 * Anthropic Messages: message_start's usage, merged with every (cumulative) message_delta usage;
 * message_stop ends the stream properly; `event: error` may arrive after HTTP 200.
 * Content-block events and pings are the bulk of a stream and carry no usage: they are
 * recognised by their event name and never parsed.
 */
export function createAnthropicMessagesHandler(state: TapState): FormatHandler {
  const known = emptyAnthropicUsage();

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
      case 'message_delta':
        mergeUsage(payload.usage);
        break;
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
    },
  };
}
