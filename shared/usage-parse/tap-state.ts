import { ZERO_TOKENS, type TokenCounts } from '../usage.js';
import type { JsonObject } from './json-fields.js';
import { text } from './json-fields.js';
import type { ProviderError } from './provider-error.js';
import type { SseEvent } from './sse-splitter.js';

/** What a tap has learned so far; format handlers fill it in. */
export class TapState {
  model: string | null = null;
  responseId: string | null = null;
  tokens: TokenCounts = { ...ZERO_TOKENS };
  sawUsage = false;
  complete = false;
  providerCostUsd: number | null = null;
  error: ProviderError | null = null;
  countedInputTokens: number | null = null;
  /** How the call was served, as the response reported it (price-rules.ts); null when not said. */
  serviceTier: string | null = null;
  speed: string | null = null;
  inferenceGeo: string | null = null;
  webFetchRequests = 0;
  /** OpenRouter BYOK: usage.is_byok, and what the user's own provider key was charged. */
  byok = false;
  byokUpstreamCostUsd: number | null = null;
  /** Output tokens were estimated from what a cut stream delivered (see TapResult.outputEstimate). */
  outputEstimate: { deliveredChars: number } | null = null;

  /** Record the response's id and model; empty values (Azure's first chunk has `"model":""`) are skipped. */
  noteIdentity(id: unknown, model: unknown): void {
    const idText = text(id);
    if (idText !== null && this.responseId === null) this.responseId = idText;
    const modelText = text(model);
    if (modelText !== null) this.model = modelText;
  }
}

/** How one wire format reads its events and bodies into the state. */
export interface FormatHandler {
  /** One SSE event of a streamed response. */
  onEvent(event: SseEvent): void;
  /** A whole JSON body: a non-streamed response, or a JSON error answered to a stream request. */
  onBody(body: JsonObject): void;
  /** Called once at the end, before the result is read (for formats that merge until the end). */
  finish(): void;
}
