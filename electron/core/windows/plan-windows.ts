/**
 * The plan windows as the API shows them (latest reading + pace + projection, per account), and
 * the runway: the budgets and the windows in one list, tightest first. The rules are in
 * shared/windows; this only reads the ledger. Apart from windows-report.ts (which adds the
 * budgets' statuses) so the status line loads only this.
 */
import type { Settings } from '../../../shared/api/contract.js';
import type { PlanWindow, RunwayItem } from '../../../shared/api/contract-windows.js';
import type { BudgetStatus } from '../../../shared/api/contract-budgets.js';
import { budgetLabel } from '../../../shared/budget/scope.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { budgetRunwayEntry, rankRunway, windowRunwayEntry, type RunwayEntry } from '../../../shared/windows/runway.js';
import { windowPace } from '../../../shared/windows/pace.js';
import { accountLabel } from '../../../shared/windows/window-settings.js';
import { isRunwayWindow, windowLabel } from '../../../shared/windows/window-names.js';
import type { Db } from '../ledger/open-database.js';
import { latestWindows, type StoredWindow } from './window-store.js';

/** Every window's latest reading with its pace, seen at `now`. */
export function planWindows(db: Db, now: number, settings: Pick<Settings, 'windowAccounts'>): PlanWindow[] {
  const stored = latestWindows(db);
  const accountsOf = new Map<string, Set<string>>();
  for (const w of stored) {
    const set = accountsOf.get(w.provider) ?? new Set<string>();
    set.add(w.account);
    accountsOf.set(w.provider, set);
  }
  return stored.map((w) => planWindow(w, now, accountLabel(w.provider, w.account, settings.windowAccounts, accountsOf.get(w.provider)!.size)));
}

function planWindow(w: StoredWindow, now: number, label: string): PlanWindow {
  const pace = windowPace(w, w.observedAt, now);
  return {
    provider: w.provider,
    account: w.account,
    accountLabel: label,
    window: w.window,
    label: windowLabel(w.window),
    source: w.source,
    observedAt: new Date(w.observedAt).toISOString(),
    ageMs: Math.max(0, now - w.observedAt),
    used: w.used,
    resetsAt: iso(w.resetsAt),
    windowMinutes: w.windowMinutes,
    status: w.status,
    overallStatus: w.overallStatus,
    binding: w.binding,
    stale: pace.stale,
    staleReason: pace.staleReason,
    blocked: pace.blocked,
    projection: {
      msToReset: pace.msToReset,
      elapsed: pace.elapsed,
      paceDelta: pace.paceDelta,
      exhaustsAt: iso(pace.exhaustsAt),
      runsOutBeforeReset: pace.runsOutBeforeReset,
    },
  };
}

/** What the runway needs of a budget's status. */
export type RunwayBudget = Pick<BudgetStatus, 'budget' | 'capReached'> & { pacing: Pick<BudgetStatus['pacing'], 'budgetNano' | 'spentNano'> };

/** The runway of these windows and budgets, tightest first. */
export function runwayOf(windows: readonly PlanWindow[], budgets: readonly RunwayBudget[], now: number, tz: string): RunwayItem[] {
  const entries: RunwayEntry[] = [];
  for (const b of budgets) {
    const period = budgetPeriod(now, b.budget.resetDay, b.budget.tz);
    const key = b.budget.scope === 'overall' ? 'budget:overall' : `budget:${b.budget.scope}:${b.budget.scopeValue}`;
    entries.push(
      budgetRunwayEntry(
        { key, label: budgetLabel(b.budget), budgetNano: b.pacing.budgetNano, spentNano: b.pacing.spentNano, periodStartMs: period.startMs, periodEndMs: period.endMs, capReached: b.capReached },
        now,
      ),
    );
  }
  for (const w of windows) {
    if (!isRunwayWindow(w.window)) continue;
    const resetsAt = ms(w.resetsAt);
    entries.push(
      windowRunwayEntry(
        {
          key: `window:${w.provider}:${w.account}:${w.window}`,
          label: `${w.accountLabel} ${w.label}`,
          window: w.window,
          used: w.used,
          resetsAt,
          ageMs: w.ageMs,
          pace: { ...w.projection, stale: w.stale, staleReason: w.staleReason, blocked: w.blocked, exhaustsAt: ms(w.projection.exhaustsAt) },
        },
        now,
        tz,
      ),
    );
  }
  return rankRunway(entries).map((e) => ({ ...e, resetsAt: iso(e.resetsAt), exhaustsAt: iso(e.exhaustsAt) }));
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function ms(iso: string | null): number | null {
  return iso === null ? null : Date.parse(iso);
}
