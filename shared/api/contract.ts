/**
 * The one API between the UI and the core. Electron serves it over IPC, `tokentally serve`
 * over HTTP JSON; the renderer gets one client and never knows which.
 *
 * Every method takes at most one JSON-serialisable argument and returns a Promise of a
 * JSON-serialisable value. To add a method: declare it here or in the feature's contract-*.ts
 * (interface + method table) and implement it in electron/core/service. Nothing else changes: IPC registration,
 * the preload, the HTTP server and the renderer client all iterate API_METHOD_NAMES.
 */
import type { Nano } from '../money.js';
import { BUDGETS_METHODS, type BudgetAlert, type BudgetsApi, type Pacing, type RefusingCap } from './contract-budgets.js';
import { PROVIDERS_METHODS, type ProviderBalance, type ProvidersApi, type UpstreamInForce } from './contract-providers.js';
import { PRICES_METHODS, type PriceDataInfo, type PricesApi } from './contract-prices.js';
import { GROUPS_METHODS, type GroupsApi } from './contract-groups.js';
import { SESSIONS_METHODS, type SessionsApi } from './contract-sessions.js';
import { SUBSCRIPTIONS_METHODS, type PlanEdit, type Subscription, type SubscriptionsApi } from './contract-subscriptions.js';
import { ADVISOR_METHODS, type AdvisorApi, type AdvisorSummary } from './contract-advisor.js';
import { GUARD_METHODS, type GuardAlarm, type GuardApi, type GuardPause, type GuardSettings } from './contract-guard.js';
import { SYNC_METHODS, type SyncApi, type ThisDeviceToday } from './contract-sync.js';
import { WINDOWS_METHODS, type PlanWindow, type RunwayItem, type WindowAccountLabel, type WindowsApi } from './contract-windows.js';
import type { BillingMode, CostSource, ProviderId, TokenCounts, UsageRecord, UsageSource, UsageStatus } from '../usage.js';

/** Calendar day in the user's time zone, YYYY-MM-DD. */
export type Day = string;

export interface UsageQuery {
  since?: Day;
  until?: Day;
  /** IANA zone the days are read in; defaults to the settings' time zone. */
  tz?: string;
  provider?: ProviderId;
  model?: string;
  tag?: string;
  billing?: BillingMode;
  status?: UsageStatus;
  source?: UsageSource;
  /** An imported session's project: its working directory (UsageRecord.project). */
  project?: string;
  /** Rows from one device (sync): its id; '' for this installation's own calls. */
  device?: string;
  /** Page size, 1..1000 (default 100). */
  limit?: number;
  /**
   * The previous page's nextCursor: this page continues just after it (older rows). Omitted: the
   * newest rows. A page turn costs the same at any depth, and calls arriving meanwhile never
   * shift rows onto the next page twice.
   */
  cursor?: string;
}

export interface UsageTotals extends TokenCounts {
  requests: number;
  costNano: Nano;
  /** Cost of API/batch usage only: what counts as spend. */
  spendNano: Nano;
  /** Records whose model had no price (their cost is a conservative estimate). */
  unpriced: number;
}

export interface UsagePage {
  /** Newest first. */
  records: UsageRecord[];
  /** Where the next (older) page starts, or null when this page holds the oldest match. */
  nextCursor: string | null;
  /** Number of records matching the filter (all pages); on the first page only, null on a page turn (cursor given). */
  total: number | null;
  /** Sums over every record matching the filter; on the first page only, like total. */
  totals: UsageTotals | null;
}

export interface CostBreakdown {
  provider: ProviderId;
  /** Model id as asked for. */
  model: string;
  /** Model the price data matched, or null when unpriced. */
  matchedModel: string | null;
  priced: boolean;
  costSource: CostSource;
  batch: boolean;
  /** Token kinds were billed at half (Batch API or OpenAI flex); tool fees never are. */
  halvedTokens?: boolean;
  /** Long-context tier applied (total input above the tier threshold). */
  longContext: boolean;
  /** How the response said the call was served (null: not reported). See shared/pricing/price-rules.ts. */
  serviceTier?: string | null;
  speed?: string | null;
  inferenceGeo?: string | null;
  /** One line per price rule applied beyond the base rates (tier, speed mode, region). */
  adjustments?: string[];
  inputNano: Nano;
  cacheWrite5mNano: Nano;
  cacheWrite1hNano: Nano;
  cacheReadNano: Nano;
  outputNano: Nano;
  reasoningNano: Nano;
  webSearchNano: Nano;
  totalNano: Nano;
  priceVersion: string;
}

export interface UsageDetail {
  record: UsageRecord;
  breakdown: CostBreakdown;
  /** The call's bodies when its tag is in storeBodiesForTags (null otherwise, or when not kept). */
  bodies: CallBodies | null;
}

/** A call's request and response bodies as stored (decoded text, each capped at 64 KB). */
export interface CallBodies {
  request: string;
  requestTruncated: boolean;
  response: string;
  responseTruncated: boolean;
}

export interface DailyPoint extends TokenCounts {
  day: Day;
  requests: number;
  costNano: Nano;
  spendNano: Nano;
  subscriptionCostNano: Nano;
  unpriced: number;
}

export interface SeriesQuery {
  since: Day;
  until: Day;
  tz?: string;
}

export interface ModelCost {
  model: string;
  provider: ProviderId;
  /** API-equivalent cost, subscription usage included (what the ranking uses). */
  costNano: Nano;
  /** The part billed per token (API and batch): what counts as spend. */
  spendNano: Nano;
  requests: number;
}

/** One model's usage over a range of days: spend (API + batch) apart from plan usage at API rates. */
export interface ModelUsage {
  provider: ProviderId;
  model: string;
  requests: number;
  spendNano: Nano;
  subscriptionNano: Nano;
  subscriptionRequests: number;
  /** Calls of this model without a price. */
  unpriced: number;
}

/** One tag's usage over a range of days (null: calls without a tag), split like ModelUsage. */
export interface TagUsage {
  tag: string | null;
  requests: number;
  spendNano: Nano;
  subscriptionNano: Nano;
  subscriptionRequests: number;
  unpriced: number;
}

/** What the glance and the tray show. */
export interface Summary {
  /** Epoch ms the summary was computed at. */
  now: number;
  tz: string;
  period: { start: Day; end: Day; daysTotal: number; daysLeft: number };
  /** API + batch spend this period (subscription usage excluded). */
  spentNano: Nano;
  todaySpentNano: Nano;
  /** Overall monthly budget, or null when none is set. */
  budgetNano: Nano | null;
  remainingNano: Nano | null;
  /** What is left spread over the days left, today included. */
  todayAllowanceNano: Nano | null;
  /** API-equivalent cost of subscription usage this period. */
  subscriptionCostNano: Nano;
  requestsToday: number;
  unpricedThisPeriod: number;
  topModelsToday: ModelCost[];
  proxy: ProxyStatus;
  /** The overall budget's pacing (pace delta, ideal line, projections, runs-out day, burn rates, state); null without one. */
  pacing: Pacing | null;
  /** The most recent budget alert while it still holds (shared/budget/alert-in-force.ts), or null. */
  lastAlert: BudgetAlert | null;
  /** Hard caps are lifted until this instant (epoch ms); null when they hold. */
  capLiftedUntil: number | null;
  /** Some budget is a hard cap (the tray offers to lift it). */
  hasHardCap: boolean;
  /** A hard cap is refusing calls now (the gate's rule for an ordinary call; false while lifted). */
  capRefusing?: boolean;
  /** Every hard cap refusing calls now, any scope (overall, provider, tag, key); empty while lifted. */
  refusingCaps?: RefusingCap[];
  /** Credit balances the providers reported (OpenRouter, DeepSeek); absent or empty when none were polled. */
  balances?: ProviderBalance[];
  /** Whether calls reach the ledger; absent when they do and nothing was recovered. */
  ledger?: LedgerHealth;
  /** Plan windows (5-hour, weekly…) of the subscription accounts seen; absent or empty when none. */
  windows?: PlanWindow[];
  /** Budgets and plan windows in one list, tightest first (the tray title shows the first that is not stale). */
  runway?: RunwayItem[];
  /** The savings advisor's open findings (count, monthly total, the largest); absent when not computed. */
  advisor?: AdvisorSummary;
  /** Tags the loop guard paused (their calls are refused until resumed); absent or empty when none. */
  guardPaused?: GuardPause[];
  /** The loop guard's latest alarm of the last 24 hours (paused or not), or null. */
  guardAlarm?: GuardAlarm | null;
  /** Sync (issue 17): this machine's part of today's spend, once other devices' calls are merged. */
  thisDevice?: ThisDeviceToday;
}

/**
 * Whether finished calls reach the ledger. failing: the database refuses writes (disk full, a
 * damaged page, read-only); calls are then kept in the recovery file beside it and imported when
 * it takes writes again (or at the next start).
 */
export interface LedgerHealth {
  state: 'ok' | 'failing';
  /** Plain words, e.g. "ledger cannot be written: disk full; 12 calls kept in recovery.jsonl". */
  message: string | null;
  /** Since when the writes fail (epoch ms). */
  since: number | null;
  /** Calls waiting in the recovery file. */
  kept: number;
  /** Calls that could be written nowhere (since the start). */
  lost: number;
  /** Calls imported from the recovery file at the start. */
  recoveredAtStart: number;
}

export interface ProxyStatus {
  listening: boolean;
  /** e.g. http://127.0.0.1:8787, or null when the proxy is off. */
  url: string | null;
  port: number | null;
  error: string | null;
}

export interface CustomProvider {
  /** Lower-case route name: /p/<name>/... */
  name: string;
  baseUrl: string;
}

export interface PriceOverride {
  provider: ProviderId | null;
  model: string;
  /** USD per million tokens. */
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok?: number;
  cacheWritePerMTok?: number;
}

export interface Settings {
  /** IANA time zone used for days and periods. */
  timezone: string;
  proxyPort: number;
  /** Upstream base URLs of the built-in providers (overridable by TOKENTALLY_UPSTREAM_<NAME>). */
  upstreams: Record<string, string>;
  customProviders: CustomProvider[];
  priceOverrides: PriceOverride[];
  /** Send CORS headers from the proxy (off by default). */
  proxyCors: boolean;
  /** Tags whose request/response bodies are stored (size-capped); empty by default. */
  storeBodiesForTags: string[];
  /** The user accepted storing keys without OS-level encryption (Electron safeStorage unavailable). */
  allowWeakKeyStorage: boolean;
  /** Plans the user pays for (Claude Pro/Max/Team, ChatGPT Plus/Pro, custom); see contract-subscriptions.ts. */
  subscriptions: Subscription[];
  /** Plan-window notification thresholds, percent (default 50, 75, 90); see contract-windows.ts. */
  windowAlerts: number[];
  /** The user's names for the plan accounts the windows come from. */
  windowAccounts: WindowAccountLabel[];
  /** The user's corrections of the plans catalog (names, prices, credits, windows); see shared/plans/plan-edits.ts. */
  planEdits: PlanEdit[];
  /** The runaway-loop guard: its thresholds and the tags it pauses on an alarm; see contract-guard.ts. */
  guard: GuardSettings;
  /** Check the price library's published list once a day and use it when it is good (off by default). */
  priceDataDailyCheck: boolean;
  /** Request-body bounds of the proxy; see shared/proxy-limits.ts. */
  proxyLimits: ProxyLimits;
}

/** The largest request body the proxy takes per kind of endpoint (MB), and how long a body may stall. */
export interface ProxyLimits {
  /** Model calls (messages, chat, responses, embeddings, token counting). */
  callMb: number;
  /** Batch creation. */
  batchMb: number;
  /** Anything else: file uploads, upload parts. */
  uploadMb: number;
  /** A body that sends nothing for this long is cut. */
  bodyIdleSeconds: number;
}

/** What a budget covers; shared/budget/scope.ts says what each means. */
export type BudgetScope = 'overall' | 'provider' | 'tag' | 'key';

export interface Budget {
  scope: BudgetScope;
  /** Provider id or tag; null for the overall budget. */
  scopeValue: string | null;
  monthlyNano: Nano;
  hard: boolean;
  /** Day of month the period starts on, 1..28. */
  resetDay: number;
  tz: string;
  /** Soft alert thresholds in percent, ascending. */
  alerts: number[];
}

export interface BudgetKey {
  scope: BudgetScope;
  scopeValue: string | null;
}

export type KeyKind = 'api' | 'admin';

/** What the UI may know of a stored key: never the key itself. */
export interface KeyInfo {
  provider: ProviderId;
  kind: KeyKind;
  hasKey: true;
  /** Masked hint such as "sk-ant-…9xQa". */
  hint: string;
  updatedAt: number;
  /** The key's one-way fingerprint ("key:" + 16 hex digits), as calls and budgets per key name it; null until known. */
  keyRef: string | null;
  /** The name the user gave the key, or null. */
  label: string | null;
  /** Why the stored key cannot be read back (another master key, another key store), when it was checked; null when it can. */
  problem?: string | null;
}

/** An API key the ledger has seen calls for (stored or brought by a tool), by fingerprint: what a key budget can name. */
export interface KeyRefInfo {
  keyRef: string;
  label: string | null;
  /** The provider whose calls used it. */
  provider: ProviderId | null;
  /** The stored key it is, or null for a key a tool brought itself. */
  stored: { provider: ProviderId; kind: KeyKind; hint: string } | null;
  calls: number;
  lastUsedAt: number | null;
}

export interface KeyStoreStatus {
  /** How keys are encrypted: OS keychain (safeStorage) or a local key file (headless). */
  backend: 'safeStorage' | 'keyfile';
  /** Keys can be stored right now. */
  available: boolean;
  /** Plain-words explanation when not available or weak. */
  warning: string | null;
}

export interface SetKeyArgs {
  provider: ProviderId;
  kind: KeyKind;
  key: string;
  /** A name for the key ("work", "side project"), shown wherever its calls and budgets are. */
  label?: string | null;
}

export interface AppStatus {
  version: string;
  dataDir: string;
  databasePath: string;
  priceDataVersion: string;
  /** The price list in force: bundled or downloaded, and its date. */
  priceData?: PriceDataInfo;
  mode: 'electron' | 'headless';
  proxy: ProxyStatus;
  keyStore: KeyStoreStatus;
  ledger: LedgerHealth;
  /** Each provider's upstream in force (after environment overrides), in the registry's order. */
  upstreams?: UpstreamInForce[];
}

export interface QuoteArgs {
  provider?: ProviderId;
  model: string;
  tokens: Partial<TokenCounts>;
  batch?: boolean;
}

/** Change notifications pushed to the UI (IPC events or server-sent events). */
export type ApiEvent =
  | { type: 'usage-changed'; count: number }
  /** Whether calls reach the ledger changed (LedgerHealth in getStatus and the summary). */
  | { type: 'ledger-changed' }
  | { type: 'settings-changed' }
  | { type: 'budgets-changed' }
  | { type: 'keys-changed' }
  | { type: 'proxy-status'; status: ProxyStatus }
  /** A budget alert was raised (issue 4); the payload's shape is in contract-budgets.ts. */
  | { type: 'alert'; id: number; message: string }
  /** Transcript import or provider polling stored something new or changed state. */
  | { type: 'import-changed' }
  | { type: 'sync-changed' }
  /** A plan window's figures changed (a snapshot was stored). */
  | { type: 'windows-changed' }
  /** A plan window crossed a notification threshold or was refused. */
  | { type: 'window-alert'; message: string }
  /** The loop guard raised an alarm (and paused the tag when auto-pause is on for it). */
  | { type: 'guard-alert'; tag: string | null; message: string; paused: boolean }
  /** A tag was paused or resumed, or an alarm stored. */
  | { type: 'guard-changed' };

export interface TokentallyApi extends BudgetsApi, SubscriptionsApi, ProvidersApi, WindowsApi, PricesApi, AdvisorApi, GuardApi, GroupsApi, SyncApi, SessionsApi {
  getStatus(): Promise<AppStatus>;
  getSummary(): Promise<Summary>;
  listUsage(query: UsageQuery): Promise<UsagePage>;
  getUsage(args: { id: number }): Promise<UsageDetail | null>;
  dailySeries(query: SeriesQuery): Promise<DailyPoint[]>;
  /** Usage per model over the days, most expensive first (spend plus plan usage at API rates). */
  usageByModel(query: SeriesQuery): Promise<ModelUsage[]>;
  /** Usage per tag over the days, ranked like usageByModel (untagged calls as tag null). */
  usageByTag(query: SeriesQuery): Promise<TagUsage[]>;
  quotePrice(args: QuoteArgs): Promise<CostBreakdown>;
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  listBudgets(): Promise<Budget[]>;
  setBudget(budget: Budget): Promise<Budget[]>;
  removeBudget(key: BudgetKey): Promise<Budget[]>;
  listKeys(): Promise<KeyInfo[]>;
  setKey(args: SetKeyArgs): Promise<KeyInfo[]>;
  removeKey(args: { provider: ProviderId; kind: KeyKind }): Promise<KeyInfo[]>;
  /** Every key by fingerprint (stored ones, and any seen in calls), for budgets per key. */
  listKeyRefs(): Promise<KeyRefInfo[]>;
  /** Name a key (or clear its name with null); names are unique. */
  labelKey(args: { keyRef: string; label: string | null }): Promise<KeyRefInfo[]>;
}

export type ApiMethod = keyof TokentallyApi;
export type ApiArg<M extends ApiMethod> = Parameters<TokentallyApi[M]> extends [infer A] ? A : undefined;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<TokentallyApi[M]>>;

/** The runtime list of methods; the `satisfies` makes a missing or extra name a type error. */
const METHOD_TABLE = {
  getStatus: true,
  getSummary: true,
  listUsage: true,
  getUsage: true,
  dailySeries: true,
  usageByModel: true,
  usageByTag: true,
  quotePrice: true,
  getSettings: true,
  updateSettings: true,
  listBudgets: true,
  setBudget: true,
  removeBudget: true,
  listKeys: true,
  setKey: true,
  removeKey: true,
  listKeyRefs: true,
  labelKey: true,
  ...BUDGETS_METHODS,
  ...SUBSCRIPTIONS_METHODS,
  ...PROVIDERS_METHODS,
  ...WINDOWS_METHODS,
  ...PRICES_METHODS,
  ...ADVISOR_METHODS,
  ...GUARD_METHODS,
  ...GROUPS_METHODS,
  ...SYNC_METHODS,
  ...SESSIONS_METHODS,
} as const satisfies Record<ApiMethod, true>;

export const API_METHOD_NAMES = Object.freeze(Object.keys(METHOD_TABLE) as ApiMethod[]);

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(METHOD_TABLE, name);
}

/** The envelope both transports carry, so errors arrive as data, not as transport failures. */
export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

export interface ApiErrorBody {
  /** bad_request: the argument was invalid; not_found; unavailable: e.g. key store locked; internal. */
  code: 'bad_request' | 'not_found' | 'unavailable' | 'internal';
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Renderer-side shape: the API plus a subscription to change events. */
export interface TokentallyClient extends TokentallyApi {
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

/**
 * What the Electron preload exposes on `window[BRIDGE_GLOBAL]`: exactly the contract's methods
 * (each answering with the envelope) and an event subscription. The renderer's client unwraps it.
 */
export type TokentallyBridge = {
  [M in ApiMethod]: (arg: ApiArg<M>) => Promise<ApiResponse<ApiResult<M>>>;
} & { onEvent(listener: (event: ApiEvent) => void): () => void };

export const BRIDGE_GLOBAL = 'tokentallyBridge';
/** IPC channel of one method: IPC_METHOD_PREFIX + method name. */
export const IPC_METHOD_PREFIX = 'tt:api:';
export const IPC_EVENT_CHANNEL = 'tt:event';
/** Headless HTTP: POST API_HTTP_PREFIX + method (JSON body = the argument, Bearer token), GET API_EVENTS_PATH?token= (SSE). */
export const API_HTTP_PREFIX = '/api/';
export const API_EVENTS_PATH = '/api/events';
