/**
 * The user's corrections of the plans catalog (Settings.planEdits): a plan renamed or re-priced
 * before Tokentally's data catches up, credits or windows as the user's account has them. The
 * fields given replace the catalog's; listPlans and break-even's plan options read the catalog
 * through applyPlanEdits, marked `edited`.
 */
import { ApiError } from '../api/contract.js';
import type { PlanEdit, PlanInfo } from '../api/contract-subscriptions.js';
import { windowName } from '../windows/window-names.js';
import { PLAN_CATALOG, isPlanId } from './catalog.js';

/** $100,000 a month: anything above is surely a typo (or not nano-dollars). */
const MAX_NANO = 100_000 * 1_000_000_000;
const FIELDS = ['plan', 'name', 'monthlyNano', 'monthlyCreditsNano', 'windows'] as const;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function nano(v: unknown, what: string): number {
  if (!Number.isSafeInteger(v) || (v as number) < 0 || (v as number) > MAX_NANO) bad(`${what} must be a whole number of nano-dollars from 0 to ${MAX_NANO} ($1 = 1000000000)`);
  return v as number;
}

export function validatePlanEdits(v: unknown): PlanEdit[] {
  if (!Array.isArray(v)) bad('planEdits must be a list of {plan, name?, monthlyNano?, monthlyCreditsNano?, windows?}');
  const seen = new Set<string>();
  return v.map((entry, i) => {
    const what = `planEdits[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) bad(`${what} must be an object`);
    const o = entry as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!(FIELDS as readonly string[]).includes(key)) bad(`${what}: unknown field "${key}" (expected ${FIELDS.join(', ')})`);
    if (!isPlanId(o.plan)) bad(`${what}.plan must be one of ${PLAN_CATALOG.map((p) => p.id).join(', ')}, got ${JSON.stringify(o.plan)}`);
    if (seen.has(o.plan)) bad(`${what}: ${o.plan} is edited twice`);
    seen.add(o.plan);
    const out: PlanEdit = { plan: o.plan };
    if (o.name !== undefined) {
      if (typeof o.name !== 'string' || o.name.trim() === '' || o.name.trim().length > 100) bad(`${what}.name must be non-empty text of at most 100 characters`);
      out.name = o.name.trim();
    }
    if (o.monthlyNano !== undefined) out.monthlyNano = nano(o.monthlyNano, `${what}.monthlyNano`);
    if (o.monthlyCreditsNano !== undefined) out.monthlyCreditsNano = o.monthlyCreditsNano === null ? null : nano(o.monthlyCreditsNano, `${what}.monthlyCreditsNano`);
    if (o.windows !== undefined) {
      if (!Array.isArray(o.windows) || o.windows.length > 10 || o.windows.some((w) => typeof w !== 'string' || w.trim() === '' || w.length > 40)) {
        bad(`${what}.windows must be a list of window names such as "5h", "7d"`);
      }
      out.windows = [...new Set((o.windows as string[]).map(windowName))];
    }
    return out;
  });
}

/** The catalog with the user's corrections applied. */
export function applyPlanEdits(catalog: readonly PlanInfo[], edits: readonly PlanEdit[]): PlanInfo[] {
  return catalog.map((p) => {
    const e = edits.find((x) => x.plan === p.id);
    if (!e) return { ...p, windows: [...p.windows] };
    const { plan: _plan, ...fields } = e;
    return { ...p, ...fields, windows: [...(fields.windows ?? p.windows)], edited: true };
  });
}
