import { asObject, type JsonObject } from './json-fields.js';
import { noteOpenAiCost, openAiUsageToTokens } from './openai-usage.js';
import { providerError } from './provider-error.js';
import type { FormatHandler, TapState } from './tap-state.js';

/** OpenAI Embeddings: a JSON body whose usage.prompt_tokens are all input. Never streamed. */
export function createOpenAiEmbeddingsHandler(state: TapState): FormatHandler {
  return {
    onEvent(): void {
      // Embeddings never stream.
    },
    onBody(body: JsonObject): void {
      state.noteIdentity(body.id, body.model);
      const error = providerError(body);
      if (error) state.error = error;
      const usage = asObject(body.usage);
      if (usage) {
        const reading = openAiUsageToTokens(usage);
        state.tokens = reading.tokens;
        state.sawUsage = reading.sawUsage;
        noteOpenAiCost(state, reading);
      }
      state.complete = true;
    },
    finish(): void {},
  };
}
