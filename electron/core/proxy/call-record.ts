import type { CostBreakdown, PriceOverride } from '../../../shared/api/contract.js';
import type { PriceArgs } from '../../../shared/pricing/index.js';
import { redactSecrets } from '../../../shared/keys/redact-secrets.js';
import type { TapResult } from '../../../shared/usage-parse/index.js';
import { ZERO_TOKENS, type BillingMode, type NewUsageRecord, type TokenCounts, type UsageStatus } from '../../../shared/usage.js';

/** How a proxied call ended, as the handler saw it. */
export type CallEnd =
  /** The provider's response arrived whole. */
  | { kind: 'finished' }
  /** The response started but stopped early: upstream cut, idle timeout, or the client left. */
  | { kind: 'cut'; reason: string }
  /** No response: upstream unreachable (502), timed out (504), or the client left first (null). */
  | { kind: 'no-response'; httpStatus: number | null; reason: string }
  /** Refused by the budget gate. */
  | { kind: 'blocked'; message: string };

export interface CallFacts {
  time: number;
  provider: string;
  billing: BillingMode;
  tag: string | null;
  /** Fingerprint of the key the provider bills, or null. */
  keyRef: string | null;
  stream: boolean;
  endpoint: string;
  httpStatus: number | null;
  requestId: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  externalId: string | null;
  requestModel: string | null;
  requestBytes: number;
  /** Decoded response bytes the tap saw. */
  responseBytes: number;
  tap: TapResult | null;
  end: CallEnd;
  /** Keys in play for the call: cut out of the error text kept (providers echo them). */
  secrets?: readonly string[];
}

/** priceUsage from shared/pricing (injected, so tests and the core choose). */
export type PriceFn = (args: PriceArgs) => CostBreakdown;

/** Bytes per token when a cut stream never reported usage (chat chunks run ~150-250 bytes a token: this errs high). */
const RESPONSE_BYTES_PER_TOKEN = 100;
const REQUEST_BYTES_PER_TOKEN = 4;

export interface Outcome {
  status: UsageStatus;
  tokens: TokenCounts;
  errorMessage: string | null;
}

/**
 * Status and billable tokens of a call. Provider errors cost nothing; a call cut after tokens
 * flowed keeps the usage known so far (with its output estimated from the text delivered when
 * the provider had only sent a placeholder, as Anthropic's message_start does), and when the
 * provider never got to report any (OpenAI streams report at the end) the tokens are estimated
 * from the bytes, so it is never $0. Every estimate says "estimated" in the row's errorMessage.
 */
export function outcomeOf(f: Pick<CallFacts, 'end' | 'httpStatus' | 'tap' | 'requestBytes' | 'responseBytes'>): Outcome {
  const end = f.end;
  if (end.kind === 'blocked') return { status: 'blocked', tokens: { ...ZERO_TOKENS }, errorMessage: end.message };
  if (end.kind === 'no-response') return { status: 'error', tokens: { ...ZERO_TOKENS }, errorMessage: end.reason };
  const tap = f.tap;
  const httpStatus = f.httpStatus ?? 0;
  if (httpStatus >= 400) {
    const message = tap?.error ? describeError(tap.error) : `HTTP ${httpStatus}`;
    return { status: 'error', tokens: { ...ZERO_TOKENS }, errorMessage: message };
  }
  if (tap === null) {
    // Nothing read the body (an unreadable encoding): the call happened, its usage is unknown.
    return end.kind === 'finished'
      ? { status: 'ok', tokens: { ...ZERO_TOKENS }, errorMessage: 'usage could not be read from the response' }
      : { status: 'incomplete', tokens: estimated(f.requestBytes, f.responseBytes), errorMessage: `${end.reason}; usage estimated from the bytes` };
  }
  if (end.kind === 'finished' && tap.complete && !tap.error) return { status: 'ok', tokens: { ...tap.tokens }, errorMessage: null };
  if (tap.error && !tap.sawUsage) return { status: 'error', tokens: { ...ZERO_TOKENS }, errorMessage: describeError(tap.error) };

  const reason = tap.error ? describeError(tap.error) : end.kind === 'cut' ? end.reason : 'the response ended before its end marker';
  if (tap.sawUsage) {
    // A cut Anthropic stream: output counted from the text it delivered, not message_start's placeholder.
    const note = tap.outputEstimate ? `; output tokens estimated from the ${tap.outputEstimate.deliveredChars} characters delivered` : '';
    return { status: 'incomplete', tokens: { ...tap.tokens }, errorMessage: reason + note };
  }
  if (f.responseBytes === 0) return { status: 'error', tokens: { ...ZERO_TOKENS }, errorMessage: `${reason} before any data` };
  return { status: 'incomplete', tokens: estimated(f.requestBytes, f.responseBytes), errorMessage: `${reason}; usage estimated from the bytes` };
}

function estimated(requestBytes: number, responseBytes: number): TokenCounts {
  return {
    ...ZERO_TOKENS,
    inputTokens: Math.ceil(requestBytes / REQUEST_BYTES_PER_TOKEN),
    outputTokens: Math.ceil(responseBytes / RESPONSE_BYTES_PER_TOKEN),
  };
}

function describeError(error: { type: string; message: string }): string {
  return error.message ? `${error.type}: ${error.message}` : error.type;
}

/** The ledger row of one call. */
export function recordOf(f: CallFacts, price: PriceFn, overrides: readonly PriceOverride[]): NewUsageRecord {
  const outcome = outcomeOf(f);
  const model = f.tap?.model ?? f.requestModel ?? 'unknown';
  const free = outcome.status === 'error' || outcome.status === 'blocked';
  const cost = price({
    provider: f.provider,
    model,
    tokens: outcome.tokens,
    batch: f.billing === 'batch',
    providerCostUsd: free ? null : (f.tap?.providerCostUsd ?? null),
    byokUpstreamCostUsd: free ? null : (f.tap?.byokUpstreamCostUsd ?? null),
    serviceTier: f.tap?.serviceTier ?? null,
    speed: f.tap?.speed ?? null,
    inferenceGeo: f.tap?.inferenceGeo ?? null,
    overrides,
    // No `at`: a live call is priced at today's prices, which is what the price data gives by default.
  });
  return {
    time: f.time,
    provider: f.provider,
    model,
    billing: f.billing,
    source: 'proxy',
    tag: f.tag,
    status: outcome.status,
    stream: f.stream,
    ...outcome.tokens,
    costNano: free ? 0 : cost.totalNano,
    // A failed or refused call cost nothing: a known price, never "unpriced" (whatever its model).
    priced: free ? true : cost.priced,
    costSource: cost.costSource,
    priceVersion: cost.priceVersion,
    latencyMs: f.latencyMs,
    ttftMs: f.ttftMs,
    requestId: f.requestId,
    externalId: f.externalId,
    endpoint: f.endpoint,
    httpStatus: f.httpStatus,
    // Kept in the ledger, shown in the app, published to a sync folder: never with a key in it.
    errorMessage: outcome.errorMessage === null ? null : redactSecrets(outcome.errorMessage, f.secrets).slice(0, 500),
    serviceTier: f.tap?.serviceTier ?? null,
    speed: f.tap?.speed ?? null,
    inferenceGeo: f.tap?.inferenceGeo ?? null,
    webFetchRequests: free ? 0 : (f.tap?.webFetchRequests ?? 0),
    byok: f.tap?.byok ?? false,
    keyRef: f.keyRef,
  };
}
