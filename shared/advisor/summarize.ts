import type { AdvisorSummary, SavingsFinding } from '../api/contract-advisor.js';

/** The glance's line: how many findings are open and what they add up to a month. */
export function summarizeFindings(findings: readonly SavingsFinding[]): AdvisorSummary {
  const open = findings.filter((f) => !f.dismissed);
  let total = 0;
  let top: SavingsFinding | null = null;
  for (const f of open) {
    total += f.monthlyNano;
    if (!top || f.monthlyNano > top.monthlyNano) top = f;
  }
  return { findings: open.length, totalMonthlyNano: total, top: top ? { id: top.id, title: top.title, monthlyNano: top.monthlyNano } : null };
}
