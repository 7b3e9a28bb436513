import type { TokentallyApi } from '../../../shared/api/contract.js';
import type { AdvisorSummary } from '../../../shared/api/contract-advisor.js';
import { summarizeFindings } from '../../../shared/advisor/index.js';
import { advisorReport, dismissFinding, restoreFinding } from '../advisor/index.js';
import type { Db } from '../ledger/open-database.js';
import type { ServiceContext } from './context.js';
import { requireObject, requireString } from './validate.js';

/**
 * The glance's advisor line is read with every summary (up to twice a second): it reuses a report
 * this recent. The advisor page always computes afresh; a dismissal drops the cached line.
 */
const GLANCE_TTL_MS = 5 * 60_000;
const glanceCache = new WeakMap<Db, { at: number; summary: AdvisorSummary }>();

/** The savings advisor (issue 16.1). */
export function advisorHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listFindings' | 'dismissFinding' | 'restoreFinding'> {
  const report = (includeDismissed: boolean) => {
    const now = ctx.now();
    const r = advisorReport(ctx.db, now, { includeDismissed: true, registry: ctx.providers().registry });
    glanceCache.set(ctx.db, { at: now, summary: summarizeFindings(r.findings) });
    return includeDismissed ? r : { ...r, findings: r.findings.filter((f) => !f.dismissed) };
  };
  return {
    async listFindings(arg) {
      return report(requireObject(arg, 'listFindings argument').includeDismissed === true);
    },
    async dismissFinding(arg) {
      dismissFinding(ctx.db, requireString(requireObject(arg, 'dismissFinding argument'), 'id'), ctx.now());
      return report(false);
    },
    async restoreFinding(arg) {
      restoreFinding(ctx.db, requireString(requireObject(arg, 'restoreFinding argument'), 'id'));
      return report(false);
    },
  };
}

/** The advisor's line for the glance, from a report at most GLANCE_TTL_MS old. */
export function glanceAdvisorSummary(ctx: ServiceContext): AdvisorSummary {
  const now = ctx.now();
  const hit = glanceCache.get(ctx.db);
  if (hit && now - hit.at < GLANCE_TTL_MS && now >= hit.at) return hit.summary;
  const summary = summarizeFindings(advisorReport(ctx.db, now, { registry: ctx.providers().registry }).findings);
  glanceCache.set(ctx.db, { at: now, summary });
  return summary;
}
