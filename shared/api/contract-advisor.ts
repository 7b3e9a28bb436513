/**
 * The API contract's part for: the savings advisor (issue 16.1). Findings are computed from the
 * user's own calls of the last 30 days by the pure functions of shared/advisor/; each has the
 * calls behind it, a monthly figure in dollars, the formula that gave it, and what to change.
 * Declare methods on AdvisorApi and list them in ADVISOR_METHODS; contract.ts merges both.
 */
import type { Nano } from '../money.js';
import type { ProviderId } from '../usage.js';

/**
 * The kinds of waste the advisor looks for (shared/advisor/<kind>.ts, one module each):
 * - prompt-caching: long prompts sent again and again with no cache reads or writes;
 * - batch: a non-interactive tag (no streaming, mostly off-hours, high volume) at full price;
 * - smaller-model: a costly model on a tag whose calls have small inputs and short outputs;
 * - cache-ttl: 5-minute cache writes that expired before reuse, which 1-hour writes would have kept;
 * - billed-failures: calls cut before they finished, billed for the tokens already produced;
 * - fast-mode: fast mode or the priority tier on a tag that is not interactive.
 */
export type FindingKind = 'prompt-caching' | 'batch' | 'smaller-model' | 'cache-ttl' | 'billed-failures' | 'fast-mode';
export const FINDING_KINDS: readonly FindingKind[] = ['prompt-caching', 'batch', 'smaller-model', 'cache-ttl', 'billed-failures', 'fast-mode'];

/** The calls a finding stands on. */
export interface FindingEvidence {
  /** How many calls the figure is computed from. */
  calls: number;
  /** Ledger ids of up to 20 of them, most recent first (open them in Requests). */
  callIds: number[];
  /** First and last of those calls, ISO 8601. */
  firstAt: string;
  lastAt: string;
  /** What was seen, one fact a line ("42 calls, each ≥ 12,400 input tokens, no cache reads or writes"). */
  facts: string[];
}

export interface SavingsFinding {
  /** Stable across recomputations: `<kind>:<provider>:<model>:<tag>` (dismissals are kept by it). */
  id: string;
  kind: FindingKind;
  /** One line: "Turn on prompt caching for nightly-report (claude-sonnet-4-5)". */
  title: string;
  provider: ProviderId;
  model: string;
  /** null: untagged calls. */
  tag: string | null;
  /** What the same month of calls would have cost less, in nano-dollars (the last 30 days, not extrapolated). */
  monthlyNano: Nano;
  /** What the calls cost now (the same calls). */
  currentNano: Nano;
  /** What to change, in plain words. */
  change: string;
  /** The formula with this finding's figures in it. */
  formula: string;
  evidence: FindingEvidence;
  dismissed: boolean;
}

export interface AdvisorReport {
  /** Epoch ms the report was computed at. */
  now: number;
  /** The calls looked at: the last `days` days before `now` (ISO 8601 bounds). */
  days: number;
  from: string;
  to: string;
  /** Largest saving first; dismissed ones only when asked for. */
  findings: SavingsFinding[];
  /** Sum of the findings not dismissed. */
  totalMonthlyNano: Nano;
  dismissed: number;
}

/** What the glance shows of the advisor. */
export interface AdvisorSummary {
  findings: number;
  totalMonthlyNano: Nano;
  /** The largest finding not dismissed, or null. */
  top: { id: string; title: string; monthlyNano: Nano } | null;
}

export interface AdvisorApi {
  /** The advisor's findings over the last 30 days (dismissed ones too with includeDismissed). */
  listFindings(args?: { includeDismissed?: boolean }): Promise<AdvisorReport>;
  /** Hide a finding; it stays hidden while its id stands. Returns the report without it. */
  dismissFinding(args: { id: string }): Promise<AdvisorReport>;
  /** Show a dismissed finding again. */
  restoreFinding(args: { id: string }): Promise<AdvisorReport>;
}

export const ADVISOR_METHODS = {
  listFindings: true,
  dismissFinding: true,
  restoreFinding: true,
} as const satisfies Record<keyof AdvisorApi, true>;
