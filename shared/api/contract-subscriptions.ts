/**
 * The API contract's part for: Subscriptions, transcript import and break-even (issue 5).
 * Declare methods on SubscriptionsApi and list them in SUBSCRIPTIONS_METHODS; contract.ts merges both.
 *
 * Which usage a plan covers: its provider's usage billed as 'subscription' (Claude Code transcripts,
 * proxied calls made with a Claude OAuth token). Claude plans cover Anthropic models, ChatGPT plans
 * OpenAI models; a custom plan names its provider.
 */
import type { Nano } from '../money.js';
import type { ProviderId, TokenCounts } from '../usage.js';
import type { Day } from './contract.js';
import type { PlanWindowValue } from './contract-windows.js';
import type { CatalogMonth } from '../breakeven/catalog-months.js';

export type { CatalogMonth, CatalogProviderMonth, CatalogPlanMonth } from '../breakeven/catalog-months.js';

/** Ids of the plans in shared/plans/catalog.ts. */
export type PlanId =
  | 'claude-pro'
  | 'claude-max-5x'
  | 'claude-max-20x'
  | 'claude-team-standard'
  | 'claude-team-premium'
  | 'chatgpt-go'
  | 'chatgpt-plus'
  | 'chatgpt-pro-5x'
  | 'chatgpt-pro';

/** A plan the user pays for: one entry of Settings.subscriptions. */
export interface Subscription {
  /** A catalog plan, or 'custom'. */
  plan: PlanId | 'custom';
  /** Shown name, unique among the subscriptions; a catalog plan defaults to the catalog's name. */
  name: string;
  /** Provider whose usage the plan covers ('anthropic' for Claude plans, 'openai' for ChatGPT plans). */
  provider: ProviderId;
  /** Price of one seat for one month, nano-dollars (the catalog price unless the user pays otherwise). */
  monthlyNano: Nano;
  /** Seats paid for (Team plans); the plan costs monthlyNano × seats a month. */
  seats: number;
  /** Day of the month the plan renews, 1..28: its periods run from that day to the same day next month. */
  renewalDay: number;
  /** First day paid for; periods before it are not counted. Null: counted in every period. */
  since: Day | null;
}

/** One plan of the catalog. */
export interface PlanInfo {
  id: PlanId;
  name: string;
  vendor: 'Anthropic' | 'OpenAI';
  provider: ProviderId;
  /** Monthly price of one seat (monthly billing), nano-dollars. */
  monthlyNano: Nano;
  /** Sold per seat to teams (a minimum seat count applies at the vendor). */
  perSeat: boolean;
  note: string;
  /** The usage windows the plan has ('5h', '7d', '7d_sonnet'…: the names `tokentally windows` shows). */
  windows: string[];
  /** Credits included each month (a seat's, for per-seat plans), nano-dollars; null when none. */
  monthlyCreditsNano: Nano | null;
  /** What the credits pay for. */
  creditsNote: string | null;
  /** The day these figures were checked against `source`. */
  asOf: Day;
  source: string;
  /** The user corrected this plan in Settings (planEdits). */
  edited?: boolean;
}

/** A correction of a catalog plan (Settings.planEdits): the fields given replace the catalog's. */
export interface PlanEdit {
  plan: PlanId;
  name?: string;
  monthlyNano?: Nano;
  monthlyCreditsNano?: Nano | null;
  windows?: string[];
}

export type PeriodStatus = 'past' | 'current' | 'future';

/** How one subscription did in one of its periods. */
export interface PlanPeriodBreakEven {
  /** Position in Settings.subscriptions. */
  index: number;
  name: string;
  plan: PlanId | 'custom';
  provider: ProviderId;
  /** The renewal period: start..last inclusive, in the settings' time zone. */
  period: { start: Day; last: Day; daysTotal: number; status: PeriodStatus };
  /** False when the plan was not paid for yet in this period (its `since` is later). */
  active: boolean;
  /** monthlyNano × seats (0 when not active). */
  priceNano: Nano;
  /** API-equivalent cost of the subscription usage the plan covered in the period (so far). */
  coveredNano: Nano;
  coveredRequests: number;
  /** Covered records whose model had no price (their cost is a conservative estimate). */
  unpricedRequests: number;
  /** coveredNano − priceNano: positive = the plan saved that much against API prices; negative = it cost more. */
  savingNano: Nano;
  /** The day the covered usage reached the price, or null. */
  paidOffOn: Day | null;
  /** Covered cost by the end of the period at the pace so far (past periods: coveredNano). */
  projectedNano: Nano;
  /** Current period not paid off yet: the day it will be at the pace so far; null when not within the period. */
  projectedPaidOffOn: Day | null;
  /**
   * API and batch spend on the same provider in the period: usage the plan could have covered
   * instead (ignoring its usage limits, and only for work a subscription can do).
   */
  apiSpendNano: Nano;
  /** Names of the other subscriptions covering the same provider: they are measured on the same usage. */
  sharedWith: string[];
  /** What a full window of the plan's provider (5-hour, weekly…) was worth at API prices in the period (issue 11); absent or empty when no window was seen. */
  windowValues?: PlanWindowValue[];
}

/** For API users: what a catalog plan would have changed over one calendar month. */
export interface PlanOption {
  plan: PlanId;
  name: string;
  provider: ProviderId;
  priceNano: Nano;
  /** API and batch spend on the provider's models in the month (so far). */
  apiSpendNano: Nano;
  apiRequests: number;
  /** Current month: API spend by the month's end at the pace so far; past months: apiSpendNano. */
  projectedApiSpendNano: Nano;
  /** projectedApiSpendNano − priceNano: positive = the plan would be cheaper, if its limits allow the work. */
  savingNano: Nano;
}

export interface BreakEvenReport {
  /** Epoch ms the report was computed at. */
  now: number;
  tz: string;
  /** "YYYY-MM": plans show their period starting in that month (the current period when no month was asked). */
  month: string;
  plans: PlanPeriodBreakEven[];
  /** Catalog plans (one seat) against the month's API spend on their provider. */
  options: PlanOption[];
  totals: { priceNano: Nano; coveredNano: Nano; savingNano: Nano };
}

/** A workload described per call, for "at how many calls a month does a plan become cheaper". */
export interface VolumeQuery {
  provider?: ProviderId;
  model: string;
  /** Tokens of one call (disjoint kinds, as in TokenCounts). */
  tokensPerCall: Partial<TokenCounts>;
  /** A catalog plan, or a monthly price. */
  plan?: PlanId;
  monthlyNano?: Nano;
}

export interface VolumeBreakEven {
  model: string;
  /** Model the price data matched, or null when unpriced. */
  matchedModel: string | null;
  priced: boolean;
  costPerCallNano: Nano;
  priceNano: Nano;
  /** Calls a month at which the API costs as much as the plan; null when a call costs nothing. */
  callsPerMonth: number | null;
  /** The same spread over 30 days, rounded up. */
  callsPerDay: number | null;
}

/** State of the transcript import (Claude Code transcripts, Codex CLI and Gemini CLI sessions). */
export interface ImportStatus {
  /** False when switched off (TOKENTALLY_NO_IMPORT=1). */
  enabled: boolean;
  /** Folders read (Claude Code projects/ folders, then Codex sessions/ folders, then Gemini CLI tmp/ folders), and whether they exist now. */
  folders: { path: string; exists: boolean }[];
  /** Folders are watched for new lines (else polled). */
  watching: boolean;
  /** Transcript files known. */
  files: number;
  /** Messages stored from transcripts (rows of source 'import'). */
  records: number;
  /** Epoch ms of the last completed import pass, or null. */
  lastImportAt: number | null;
  /** Epoch ms of the last pass that stored or changed something, or null. */
  lastChangeAt: number | null;
  running: boolean;
  /** How far the running pass is (files, bytes, calls); null when no pass is running. */
  progress?: ImportProgress | null;
  /** Recent problems (unreadable files or folders), newest last. */
  errors: string[];
}

/** How far an import pass is: what it has read of what it found to read. */
export interface ImportProgress {
  /** Which logs: 'claude-code', 'codex'… (the `import` command's names). */
  source: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** Model calls found so far (before de-duplication against the ledger). */
  calls: number;
}

/** What one import pass did. */
export interface ImportRunResult {
  folders: string[];
  /** Files read (in part or whole) in this pass. */
  filesRead: number;
  bytesRead: number;
  /** New messages stored. */
  inserted: number;
  /** Messages replaced by a more complete copy. */
  updated: number;
  /** Usage lines that were not stored: duplicates, older copies, synthetic or API-error messages. */
  skipped: number;
  /** Lines that were not JSON, or whose call held impossible values (shared/transcripts/plausible-call.ts): skipped, each on its own. */
  badLines: number;
  errors: string[];
  durationMs: number;
}

export interface SubscriptionsApi {
  /** The plans catalog. */
  listPlans(): Promise<PlanInfo[]>;
  /** Break-even of every subscription in its current period (or the period starting in `month`, "YYYY-MM"). */
  getBreakEven(args?: { month?: string }): Promise<BreakEvenReport>;
  /** One report per month, oldest first, ending with the current one (months: 1..36, default 12). */
  breakEvenHistory(args?: { months?: number }): Promise<BreakEvenReport[]>;
  /** Calls a month at which a plan becomes cheaper than the API for a given workload. */
  breakEvenVolume(args: VolumeQuery): Promise<VolumeBreakEven>;
  /** Every catalog plan against the usage a plan could cover, calendar month by month (months: 1..36, default 6), oldest first; no plan need be added first. */
  catalogBreakEven(args?: { months?: number }): Promise<CatalogMonth[]>;
  getImportStatus(): Promise<ImportStatus>;
  /** Run an import pass now (reads only what is new). */
  runImport(): Promise<ImportRunResult>;
}

export const SUBSCRIPTIONS_METHODS = {
  listPlans: true,
  getBreakEven: true,
  breakEvenHistory: true,
  breakEvenVolume: true,
  catalogBreakEven: true,
  getImportStatus: true,
  runImport: true,
} as const satisfies Record<keyof SubscriptionsApi, true>;
