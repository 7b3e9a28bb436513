import { count, type JsonObject } from './json-fields.js';
import { providerError } from './provider-error.js';
import type { FormatHandler, TapState } from './tap-state.js';

/**
 * Anthropic `POST /v1/messages/count_tokens` answers `{"input_tokens": N}`. The call is free:
 * its tokens stay zero and the count goes to countedInputTokens only. sawUsage is true so the
 * proxy knows the usage of this call (nothing) rather than treating it as unknown.
 */
export function createCountTokensHandler(state: TapState): FormatHandler {
  return {
    onEvent(): void {
      // count_tokens never streams.
    },
    onBody(body: JsonObject): void {
      const error = providerError(body);
      if (error) {
        state.error = error;
      } else {
        const counted = count(body.input_tokens);
        if (counted !== null) {
          state.countedInputTokens = counted;
          state.sawUsage = true;
        }
      }
      state.complete = true;
    },
    finish(): void {},
  };
}
