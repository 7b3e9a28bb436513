import { budgetPeriod } from '../../shared/budget/period.js';
import { computePacing, type PacingInput } from '../../shared/pacing/index.js';
import { addDays } from '../../shared/time/zoned.js';

const USD = 1_000_000_000;
export const usd = (dollars: number) => Math.round(dollars * USD);

export interface Setup {
  budget: number;
  resetDay?: number;
  tz?: string;
  /** Dollars per day. */
  days?: Record<string, number>;
  last24h?: number;
  dataSince?: string | null;
}

export function pacingInput(nowIso: string, s: Setup): PacingInput {
  const now = Date.parse(nowIso);
  const tz = s.tz ?? 'UTC';
  const input: PacingInput = {
    now,
    budgetNano: usd(s.budget),
    period: budgetPeriod(now, s.resetDay ?? 1, tz),
    tz,
    days: Object.entries(s.days ?? {}).map(([day, dollars]) => ({ day, spendNano: usd(dollars) })),
    last24hNano: usd(s.last24h ?? 0),
  };
  if (s.dataSince !== undefined) input.dataSince = s.dataSince;
  return input;
}

export function pacingAt(nowIso: string, s: Setup) {
  return computePacing(pacingInput(nowIso, s));
}

/** The same amount on each of n days from `first`. */
export function everyDay(first: string, n: number, dollars: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < n; i++) out[addDays(first, i)] = dollars;
  return out;
}
