/**
 * What Tokentally knows about one provider, in one place: how to reach it, how it takes a key,
 * how it refuses a call, which calls spend and how their usage is read, and which of its own
 * reports can be polled. The proxy, the settings, the pollers, the CLI and the UI ask the
 * registry (registry.ts) for a profile; nothing else names a provider.
 *
 * Profiles are pure data and functions: the HTTP of the pollers stays in the core
 * (electron/core/pollers/<id>-poller.ts), found through the profile's id.
 */
import type { KeyKind } from '../api/contract.js';
import type { UsageParser } from '../usage-parse/tap.js';
import type { BillingMode, TokenCounts } from '../usage.js';

/** How a provider takes an API key. */
export interface KeyAuth {
  /** Header a stored key is sent in (lower case). */
  header: string;
  /** 'Bearer' sends `<header>: Bearer <key>`; null sends the bare key. */
  scheme: 'Bearer' | null;
  /** Every header a client's own credential may arrive in (lower case), `header` included. */
  clientHeaders: readonly string[];
  /** A query parameter some clients put the key in (Gemini's `?key=`); never stored or shown. */
  queryParam: string | null;
}

/** The request body, read lazily: the proxy parses it only when a fact is asked for. */
export interface RequestBody {
  readonly length: number;
  /** The first `"name": "…"` string member, read without parsing the body; null when absent. */
  peekString(name: string): string | null;
  /** Whether the first `"name"` member is `true`, read without parsing the body. */
  peekTrue(name: string): boolean;
  /** The parsed JSON (cached); undefined when the body is not JSON. */
  json(): unknown;
}

/** The most a request may cost, in tokens, for the hard cap's worst case. */
export type RequestEstimate = Pick<TokenCounts, 'inputTokens' | 'outputTokens'>;

/** What a request says about itself. Cheap to read; `estimate()` parses the body. */
export interface RequestFacts {
  model: string | null;
  stream: boolean;
  /** Input from the body's size and content, output from the request's cap (or a default). */
  estimate(): RequestEstimate;
}

export type CallKind =
  /** A call that spends tokens: its response is tapped and logged. */
  | {
      kind: 'usage';
      parser: UsageParser;
      /** Add `stream_options.include_usage` to a streamed request (OpenAI Chat Completions and compatibles). */
      addIncludeUsage: boolean;
      /** Counting tokens is free: logged, never gated. */
      free: boolean;
    }
  /** Creating a Message Batch spends money later; the budget gate sees it, nothing is logged now. */
  | { kind: 'batch-create' }
  /** A batch object (retrieve, list, cancel): its results_url is pointed back through the proxy. */
  | { kind: 'batch-object' }
  /**
   * Batch results (JSONL): each succeeded line is logged once, at batch rates. `file`: an OpenAI
   * file's content (a Batch's output_file_id); most files are not batch output, so lines that are
   * not results pass unremarked.
   */
  | { kind: 'batch-results'; batchId: string; file?: boolean }
  /** Anything else (models list, files, countTokens, ...): forwarded untouched, not logged. */
  | { kind: 'forward' };

/** Why the proxy answers a call itself. */
export type ProxyFailure = 'unreachable' | 'timeout' | 'blocked' | 'not-configured' | 'bad-request' | 'forbidden' | 'too-large' | 'body-timeout' | 'paused';

/** An answer the proxy gives on its own, in the provider's error shape. */
export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How a provider's API says no, so SDKs raise their usual typed errors and tools print the message. */
export interface ErrorShape {
  readonly name: string;
  answer(failure: ProxyFailure, message: string): ProxyAnswer;
}

/** The credentials a client sent, as far as the proxy needs to know. */
export interface ClientCredentials {
  /** The request carries a real key or token of its own. */
  hasOwnKey: boolean;
  /** Lower-case names of headers holding a placeholder, removed before the stored key goes in. */
  placeholders: string[];
  /** The query parameter holds a placeholder (or the stored key replaces it): remove it. */
  dropQueryKey: boolean;
  billing: BillingMode;
  /** The key the provider will bill (API billing only), to tell keys apart by fingerprint; never stored. */
  billedKey: string | null;
}

/** The provider's own reports Tokentally can read, with which key. */
interface PolledReports {
  /** What is read, in plain words ("usage and cost reports"). */
  reads: string;
  /** The key kind tried first; `fallbackKind` is tried when that one is missing. */
  keyKind: KeyKind;
  fallbackKind: KeyKind | null;
}

/** A second key slot for reports: an Admin key (reads reports, cannot call the model APIs), OpenRouter's management key. */
interface AdminKeyInfo {
  /** What the slot is called ("Admin key", "Management key"). */
  label: string;
  /** How such keys start (`sk-ant-admin`), when they can be told apart; null otherwise. */
  prefix: string | null;
  /** Who can have one, in plain words, when it is not every account. */
  note: string | null;
}

/** An environment variable that points a tool at the proxy: NAME=<proxy><route prefix><path>. */
interface ClientEnvVar {
  name: string;
  /** Appended to the route's URL (`/v1` for OpenAI's SDKs). */
  path: string;
  /** Who reads it, in plain words. */
  usedBy: string;
}

export interface ProviderProfile {
  /** Stable id: ledger rows, keys, budgets and settings name the provider by it. */
  id: string;
  label: string;
  /** The proxy path prefix, without slashes: `anthropic`, or `p/<name>` for a custom provider. */
  route: string;
  /** Where calls go unless the settings or TOKENTALLY_UPSTREAM_<ID> say otherwise; null: the user gives it. */
  defaultUpstream: string | null;
  builtIn: boolean;
  keyAuth: KeyAuth;
  /** What an API key looks like, for placeholders ("sk-ant-…"). */
  keyPlaceholder: string;
  adminKey: AdminKeyInfo | null;
  /** A free call that proves an API key works (listing models), relative to the upstream base. */
  keyCheckPath: string;
  /** Headers every request Tokentally makes itself needs (Anthropic's version header). */
  ownRequestHeaders: Readonly<Record<string, string>>;
  /** Which of the provider's own reports can be polled; null: none. */
  reports: PolledReports | null;
  clientEnv: readonly ClientEnvVar[];
  /** Model ids offered in pickers (any other may be typed); ones the bundled price data knows. */
  suggestedModels: readonly string[];
  /** Whether streamed Chat Completions must ask for usage (`stream_options.include_usage`). */
  streamUsageOption: boolean;
  /**
   * How the provider sells the same calls at half the token price when they may wait (a Batch API,
   * OpenAI's flex tier), in plain words for the savings advisor; absent: it does not (that we know).
   */
  halfPriceAsync?: string;
  /** How prompt caching is used with this provider, in plain words for the savings advisor; absent: none we know of. */
  promptCaching?: string;
  /** What a call is, from its method and path below the route (e.g. POST /v1/messages). */
  classify(method: string, path: string): CallKind;
  requestFacts(path: string, body: RequestBody): RequestFacts;
  /** The error shape of refusals for a call to `path` (OpenAI-compatible routes may carry Anthropic-shaped paths). */
  errors(path: string): ErrorShape;
  /** Read the client's credentials: `header` answers a lower-case name, `queryKey` the key parameter or null. */
  credentials(header: (name: string) => string | undefined, queryKey: string | null): ClientCredentials;
}
