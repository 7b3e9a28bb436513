import type { TokentallyApi } from '../../../shared/api/contract.js';
import type { AdvisorReport, AdvisorSummary } from '../../../shared/api/contract-advisor.js';
import { summarizeFindings } from '../../../shared/advisor/index.js';
import { advisorReport, dismissedFindings, dismissFinding, restoreFinding, withDismissals } from '../advisor/index.js';
import type { Db } from '../ledger/open-database.js';
import type { ServiceContext } from './context.js';
import { requireObject, requireString } from './validate.js';

/**
 * The glance's advisor line is read with every summary (up to twice a second) and must never wait
 * for a pass (seconds on a large ledger): it shows the last report, and one older than this starts
 * a new pass in the background. The advisor page waits for a fresh pass (on the advisor's thread
 * when the engine runs one, ctx.advisor).
 */
const GLANCE_TTL_MS = 5 * 60_000;

interface AdvisorState {
  /** The last report, dismissed findings included, and when it was made. */
  last: { at: number; report: AdvisorReport; summary: AdvisorSummary } | null;
  /** The pass under way: one at a time, callers meanwhile share its result. */
  running: Promise<AdvisorReport> | null;
}
const states = new WeakMap<Db, AdvisorState>();

function stateOf(ctx: ServiceContext): AdvisorState {
  let s = states.get(ctx.db);
  if (!s) states.set(ctx.db, (s = { last: null, running: null }));
  return s;
}

/** Keeps `report` as the last one, with the dismissals in force now (one made during the pass counts). */
function remember(ctx: ServiceContext, at: number, report: AdvisorReport): AdvisorReport {
  const all = withDismissals(report, dismissedFindings(ctx.db), true);
  stateOf(ctx).last = { at, report: all, summary: summarizeFindings(all.findings.filter((f) => !f.dismissed)) };
  return all;
}

function pass(ctx: ServiceContext): Promise<AdvisorReport> {
  const s = stateOf(ctx);
  if (s.running) return s.running;
  const now = ctx.now();
  const registry = ctx.providers().registry;
  const made = ctx.advisor
    ? ctx.advisor.report(now, registry)
    : Promise.resolve().then(() => advisorReport(ctx.db, now, { includeDismissed: true, registry }));
  const running = made.then((r) => remember(ctx, now, r)).finally(() => void (s.running = null));
  s.running = running;
  return running;
}

/** The remembered report (dismissed findings included) as asked for: its totals already leave them out. */
const view = (r: AdvisorReport, includeDismissed: boolean): AdvisorReport => (includeDismissed ? r : { ...r, findings: r.findings.filter((f) => !f.dismissed) });

/** The savings advisor (issue 16.1). */
export function advisorHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listFindings' | 'dismissFinding' | 'restoreFinding'> {
  /** After a dismissal or a restore: the last report marked again, no new pass (the findings are the same). */
  const afterChange = async () => {
    const last = stateOf(ctx).last;
    return view(last ? remember(ctx, last.at, last.report) : await pass(ctx), false);
  };
  return {
    async listFindings(arg) {
      return view(await pass(ctx), requireObject(arg, 'listFindings argument').includeDismissed === true);
    },
    async dismissFinding(arg) {
      dismissFinding(ctx.db, requireString(requireObject(arg, 'dismissFinding argument'), 'id'), ctx.now());
      return afterChange();
    },
    async restoreFinding(arg) {
      restoreFinding(ctx.db, requireString(requireObject(arg, 'restoreFinding argument'), 'id'));
      return afterChange();
    },
  };
}

/**
 * The advisor's line for the glance, from the last report, without waiting: absent until the first
 * pass has finished (as the contract allows); a pass starts when there is none or it is older than
 * GLANCE_TTL_MS. A failed background pass leaves the last line (the advisor page shows the error).
 * `refresh: false` (the start's warm-up): the last line only, no pass.
 */
export function glanceAdvisorSummary(ctx: ServiceContext, options: { refresh: boolean } = { refresh: true }): AdvisorSummary | undefined {
  const { last } = stateOf(ctx);
  const now = ctx.now();
  // Started after this turn: the glance's answer goes out before the pass's setup (the thread's
  // start, the price data it is sent) runs. By then the ledger may be closed: that pass just fails.
  if (options.refresh && (!last || now - last.at >= GLANCE_TTL_MS || now < last.at)) setImmediate(() => void Promise.resolve().then(() => pass(ctx)).catch(() => {}));
  return last?.summary;
}
