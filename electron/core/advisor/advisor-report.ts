/**
 * The advisor's report from the ledger: the month's calls, the settings (zone, price overrides), the
 * provider registry and the dismissals, through the pure findSavings. The API, the CLI, the glance and
 * the MCP server all read this one function.
 */
import type { AdvisorReport } from '../../../shared/api/contract-advisor.js';
import { ADVISOR_DAYS, advisorFacts, advisorWindow, findSavings } from '../../../shared/advisor/index.js';
import { ProviderRegistry } from '../../../shared/providers/index.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { advisorCalls } from './advisor-calls.js';
import { dismissedFindings } from './dismissals-repo.js';

export function advisorReport(db: Db, now: number, options: { includeDismissed?: boolean; registry?: ProviderRegistry } = {}): AdvisorReport {
  const { settings } = readSettings(db);
  const registry = options.registry ?? new ProviderRegistry(undefined, settings.customProviders);
  const window = advisorWindow(now);
  const findings = findSavings({
    now,
    tz: settings.timezone,
    calls: advisorCalls(db, window),
    facts: advisorFacts(registry, settings.priceOverrides),
  });
  const base: AdvisorReport = {
    now,
    days: ADVISOR_DAYS,
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    findings,
    totalMonthlyNano: 0,
    dismissed: 0,
  };
  return withDismissals(base, dismissedFindings(db), options.includeDismissed === true);
}

/**
 * A report with the dismissals in force marked and counted (cheap: a report has a few findings).
 * The engine applies them again to a report made on the advisor's thread, so a dismissal made while
 * a pass ran is never lost, and a dismissal needs no new pass.
 */
export function withDismissals(report: AdvisorReport, dismissed: ReadonlySet<string>, includeDismissed: boolean): AdvisorReport {
  let total = 0;
  let dismissedCount = 0;
  const findings = report.findings.map((f) => {
    const d = dismissed.has(f.id);
    if (d) dismissedCount++;
    else total += f.monthlyNano;
    return { ...f, dismissed: d };
  });
  return {
    ...report,
    findings: includeDismissed ? findings : findings.filter((f) => !f.dismissed),
    totalMonthlyNano: total,
    dismissed: dismissedCount,
  };
}
