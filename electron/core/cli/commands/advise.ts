/**
 * `tokentally advise [--json] [--all]`: the savings advisor's findings over the last 30 days, largest
 * first: what to change, the monthly figure, the formula and the calls behind it. The same report as
 * the API's listFindings; `advise dismiss ID` / `advise restore ID` hide and show one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AdvisorReport } from '../../../../shared/api/contract-advisor.js';
import { formatCountOf, formatUsd } from '../../../../shared/format.js';
import { advisorReport, dismissFinding, restoreFinding } from '../../advisor/index.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { resolveDataDir } from '../../paths.js';
import { CliError, UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';

const ADVISE_USAGE = `Usage: tokentally advise [--json] [--all] [--data-dir DIR]
       tokentally advise dismiss ID | advise restore ID

What to change to spend less, from your own calls of the last 30 days: prompt caching, Batch or
flex for jobs nobody waits on, a smaller model for small calls, 1-hour cache writes, cut calls that
were billed, fast mode where nobody waits. Each finding has a monthly figure, the formula that gave
it, and the calls behind it.
  --json            the report as JSON: {now, days, from, to, totalMonthlyUsd, dismissed, findings:
                    [{id, kind, title, provider, model, tag, monthlyUsd, currentUsd, change, formula,
                    evidence: {calls, callIds, firstAt, lastAt, facts}, dismissed}]}
  --all             dismissed findings too
  --data-dir DIR    where the ledger lives`;

export const adviseCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, all: { type: 'boolean' }, 'data-dir': { type: 'string' } }, ADVISE_USAGE);
  if (values.help) {
    io.stdout.write(ADVISE_USAGE + '\n');
    return 0;
  }
  const [action, id, extra] = positionals;
  if (action === 'dismiss' || action === 'restore') {
    if (!id || extra !== undefined) throw new UsageError(`advise ${action} takes one finding id`, ADVISE_USAGE);
    await withLedger(values['data-dir'], io, { mustExist: true }, (db) => {
      const known = advisorReport(db, Date.now(), { includeDismissed: true }).findings.some((f) => f.id === id);
      if (!known) throw new CliError(`no finding "${id}" in the last 30 days (tokentally advise --all lists them)`);
      if (action === 'dismiss') dismissFinding(db, id, Date.now());
      else restoreFinding(db, id);
    });
    io.stdout.write(`${action === 'dismiss' ? 'Dismissed' : 'Restored'} ${id}\n`);
    return 0;
  }
  if (action !== undefined) throw new UsageError(`unexpected argument "${action}"`, ADVISE_USAGE);

  const now = Date.now();
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  // Asking must not create a ledger where there is none.
  const report: AdvisorReport | null = fs.existsSync(path.join(dataDir, DATABASE_FILE))
    ? await withLedger(dataDir, io, { mustExist: true }, (db) => advisorReport(db, now, { includeDismissed: values.all === true }))
    : null;
  if (values.json) {
    io.stdout.write(JSON.stringify(report ? advisorReportJson(report) : { now, days: 30, findings: [], totalMonthlyUsd: 0, dismissed: 0 }) + '\n');
    return 0;
  }
  if (!report || report.findings.length === 0) {
    io.stdout.write(`Nothing to change: no waste worth $1 a month in the calls of the last 30 days.${report?.dismissed ? ` (${formatCountOf(report.dismissed, 'dismissed finding')}: --all shows them.)` : ''}\n`);
    return 0;
  }
  const lines = [`About ${formatUsd(report.totalMonthlyNano)} a month to save (the last 30 days of your calls):`, ''];
  for (const f of report.findings) {
    lines.push(`${formatUsd(f.monthlyNano).padStart(10)}/month  ${f.title}${f.dismissed ? '  (dismissed)' : ''}`);
    lines.push(`              ${f.change}`);
    for (const fact of f.evidence.facts) lines.push(`              · ${fact}`);
    lines.push(`              = ${f.formula}`);
    lines.push(`              id ${f.id}`, '');
  }
  io.stdout.write(lines.join('\n'));
  return 0;
};

/** The report as `advise --json` (and the MCP server's savings_findings) says it: dollars instead of nano-dollars. */
export function advisorReportJson(r: AdvisorReport) {
  const { totalMonthlyNano, findings, ...rest } = r;
  return {
    ...rest,
    totalMonthlyUsd: totalMonthlyNano / 1e9,
    findings: findings.map(({ monthlyNano, currentNano, ...f }) => ({ ...f, monthlyUsd: monthlyNano / 1e9, currentUsd: currentNano / 1e9 })),
  };
}
