import type { TokenCounts } from '../usage.js';
import { createAnthropicMessagesHandler } from './anthropic-messages-handler.js';
import { createGeminiHandler } from './gemini-handler.js';
import { JsonArraySplitter } from './json-array-splitter.js';
import { BoundedJsonBody, DEFAULT_MAX_BODY_BYTES, recoverUsageFromTail } from './bounded-json-body.js';
import { createCountTokensHandler } from './count-tokens-handler.js';
import { createOpenAiChatHandler } from './openai-chat-handler.js';
import { createOpenAiEmbeddingsHandler } from './openai-embeddings-handler.js';
import { createOpenAiResponsesHandler } from './openai-responses-handler.js';
import { createSseSplitter, type SseSplitter } from './sse-splitter.js';
import { TapState, type FormatHandler } from './tap-state.js';

export type WireFormat =
  | 'anthropic-messages'
  | 'anthropic-count-tokens'
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-embeddings'
  | 'openai-completions'
  | 'gemini-generate';

/**
 * How one kind of response body is read: a name (for logs and tests) and a handler factory. A
 * provider profile names the parser of each of its calls; a new wire format is a new parser, and
 * the tap (SSE, JSON, JSON-array streams, bounded memory) is shared by all.
 */
export interface UsageParser {
  readonly format: string;
  createHandler(state: TapState): FormatHandler;
}

const parser = (format: WireFormat, createHandler: (state: TapState) => FormatHandler): UsageParser => ({ format, createHandler });

/** The parsers of the built-in wire formats. */
export const USAGE_PARSERS: Readonly<Record<WireFormat, UsageParser>> = Object.freeze({
  'anthropic-messages': parser('anthropic-messages', createAnthropicMessagesHandler),
  'anthropic-count-tokens': parser('anthropic-count-tokens', createCountTokensHandler),
  'openai-chat': parser('openai-chat', createOpenAiChatHandler),
  'openai-completions': parser('openai-completions', createOpenAiChatHandler),
  'openai-responses': parser('openai-responses', createOpenAiResponsesHandler),
  'openai-embeddings': parser('openai-embeddings', createOpenAiEmbeddingsHandler),
  'gemini-generate': parser('gemini-generate', createGeminiHandler),
});

export interface TapResult {
  /** Model the response names (falls back to requestModel). */
  model: string | null;
  /** Disjoint kinds, see shared/usage.ts. All zero when sawUsage is false. */
  tokens: TokenCounts;
  /** Any usage numbers were seen. */
  sawUsage: boolean;
  /**
   * The stream reached its proper end (message_stop, data: [DONE], a Responses terminal event
   * — response.incomplete and response.failed included), or a non-stream body parsed fully.
   */
  complete: boolean;
  /** Provider-reported cost in USD (OpenRouter usage.cost), or null. */
  providerCostUsd: number | null;
  /** An error body, an SSE error event after HTTP 200, or a failed Responses response. */
  error: { type: string; message: string } | null;
  /** Message id / chatcmpl id / resp id. */
  responseId: string | null;
  /** count_tokens only: the number the provider counted (not billed, so not in tokens). */
  countedInputTokens?: number;
  /** How the call was served (service tier, speed mode, region): see shared/pricing/price-rules.ts. */
  serviceTier?: string | null;
  speed?: string | null;
  inferenceGeo?: string | null;
  /** Anthropic web fetches: no fee of their own, counted on the row. */
  webFetchRequests?: number;
  /** OpenRouter BYOK, and what the user's own provider key was charged for it (USD). */
  byok?: boolean;
  byokUpstreamCostUsd?: number | null;
  /**
   * The stream was cut before the provider reported its output: tokens.outputTokens is an
   * estimate from the characters of text, thinking and tool input delivered so far.
   */
  outputEstimate?: { deliveredChars: number };
}

export interface UsageTap {
  /** Feed response body bytes as they pass. Never throws; the chunk is not modified or kept beyond need. */
  push(chunk: Uint8Array): void;
  /** The response ended (or was cut). Idempotent; pushes after end are ignored. */
  end(): TapResult;
}

export interface UsageTapOptions {
  /** The request asked for a stream. Only a default: the body itself decides (see createUsageTap). */
  stream: boolean;
  /** The model the request named, used when the response names none. */
  requestModel?: string | null;
  /** Cap for a non-streamed body held in memory (default 32 MiB); beyond it only the tail is read. */
  maxBodyBytes?: number;
}

/**
 * A usage tap over the bytes of one response, fed as they pass through the proxy.
 *
 * Streamed or not is decided by the body's first non-blank byte: `{` or `[` is a JSON body
 * (so a JSON error answered to a stream request is read as the error it is), anything else is
 * an event stream. `opts.stream` is only the fallback for an empty body.
 *
 * Memory: a stream holds only its current incomplete event; a JSON body is held up to
 * maxBodyBytes, past which only its last 64 KB is kept and the usage is read from there
 * (sawUsage false when it cannot be found).
 */
export function createUsageTap(format: WireFormat | UsageParser, opts: UsageTapOptions): UsageTap {
  const state = new TapState();
  const handler = (typeof format === 'string' ? USAGE_PARSERS[format] : format).createHandler(state);
  const requestModel = opts.requestModel ?? null;
  let mode: 'undecided' | 'sse' | 'json' | 'array' = 'undecided';
  let splitter: SseSplitter | null = null;
  let body: BoundedJsonBody | null = null;
  let elements: JsonArraySplitter | null = null;
  let result: TapResult | null = null;

  const feed = (chunk: Uint8Array): void => {
    if (mode === 'undecided') {
      const first = firstNonBlankByte(chunk);
      if (first === -1) {
        // Leading blank bytes change neither reading: an SSE line starts after them, JSON ignores them.
        return;
      }
      mode = first === 0x7b /* { */ ? 'json' : first === 0x5b /* [ */ ? 'array' : 'sse';
      if (mode === 'sse') splitter = createSseSplitter((event) => handler.onEvent(event));
      // A JSON array is a stream of objects (Gemini's streamGenerateContent without alt=sse): each is read as it completes.
      else if (mode === 'array') elements = new JsonArraySplitter((element) => handler.onBody(element), opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
      else body = new BoundedJsonBody(opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    }
    if (splitter) splitter.push(chunk);
    else if (elements) elements.push(chunk);
    else body?.push(chunk);
  };

  const finish = (): void => {
    if (splitter) splitter.end();
    if (elements?.closed) state.complete = true;
    if (body) {
      const collected = body.finish();
      if (collected.kind === 'json') {
        handler.onBody(collected.body);
      } else if (collected.kind === 'overflow') {
        const recovered = recoverUsageFromTail(collected.tail);
        if (recovered) {
          handler.onBody(recovered);
          state.complete = state.sawUsage && collected.tail.trimEnd().endsWith('}');
        }
      }
    }
    handler.finish();
  };

  return {
    push(chunk: Uint8Array): void {
      if (result !== null || chunk.length === 0) return;
      try {
        feed(chunk);
      } catch {
        // A tap must never break the response it watches; a malformed body just yields less usage.
      }
    },
    end(): TapResult {
      if (result !== null) return result;
      try {
        finish();
      } catch {
        // Same as push: report what was learned.
      }
      result = {
        model: state.model ?? requestModel,
        tokens: state.tokens,
        sawUsage: state.sawUsage,
        complete: state.complete,
        providerCostUsd: state.providerCostUsd,
        error: state.error,
        responseId: state.responseId,
      };
      // Only what the response said: most calls report none of these.
      if (state.serviceTier !== null) result.serviceTier = state.serviceTier;
      if (state.speed !== null) result.speed = state.speed;
      if (state.inferenceGeo !== null) result.inferenceGeo = state.inferenceGeo;
      if (state.webFetchRequests > 0) result.webFetchRequests = state.webFetchRequests;
      if (state.byok) {
        result.byok = true;
        result.byokUpstreamCostUsd = state.byokUpstreamCostUsd;
      }
      if (state.countedInputTokens !== null) result.countedInputTokens = state.countedInputTokens;
      if (state.outputEstimate !== null) result.outputEstimate = state.outputEstimate;
      return result;
    },
  };
}

/** First byte that is not a space, tab, CR, LF or part of a UTF-8 BOM; -1 when none. */
function firstNonBlankByte(chunk: Uint8Array): number {
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b;
  }
  return -1;
}
