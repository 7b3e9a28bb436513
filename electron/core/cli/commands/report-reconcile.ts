/** `tokentally report reconcile`: provider-reported cost beside the proxy's, per provider and UTC day, and the credit balances. */
import type { ReconciliationRow } from '../../../../shared/api/contract-providers.js';
import type { Day } from '../../../../shared/api/contract.js';
import { formatUsd } from '../../../../shared/format.js';
import { nanoToUsd } from '../../../../shared/money.js';
import { listBalances } from '../../pollers/index.js';
import { defaultReconcileDays, reconciliationRows } from '../../reconcile/index.js';
import { gapsByKind } from '../../reconcile/gaps-by-kind.js';
import { normalizeProviderName } from '../../../../shared/keys/provider-name.js';
import type { DayGap } from '../../../../shared/reconcile/explain-gap.js';
import { UsageError, type CliIO } from '../io.js';
import { withLedger } from '../with-ledger.js';
import { balanceJson, balanceLine } from './provider-json.js';

export interface ReconcileArgs {
  since?: Day;
  until?: Day;
  json: boolean;
  dataDir?: string;
  tz?: string;
  /** A provider: the gap by kind of cost instead of the totals. */
  byKind?: string;
}

/** `usage` is the report command's usage text, shown with a UsageError. */
export async function reconcileReport(args: ReconcileArgs, io: CliIO, usage: string): Promise<number> {
  if (args.tz !== undefined) throw new UsageError('--tz does not apply to reconcile: the providers report by UTC day', usage);
  const days = defaultReconcileDays({ since: args.since, until: args.until }, Date.now());
  if (days.since > days.until) throw new UsageError(`--since ${days.since} is after today's UTC day ${days.until}; give --until too`, usage);
  return withLedger(args.dataDir, io, { mustExist: false }, (db) => {
    if (args.byKind !== undefined) {
      const gaps = gapsByKind(db, { provider: normalizeProviderName(args.byKind), ...days });
      io.stdout.write(args.json ? JSON.stringify({ provider: args.byKind, days: gaps.map(gapJson) }) + '\n' : formatGaps(args.byKind, gaps, days));
      return 0;
    }
    const rows = reconciliationRows(db, days);
    const balances = listBalances(db);
    if (args.json) {
      io.stdout.write(JSON.stringify({ days: rows.map(rowJson), balances: balances.map(balanceJson) }) + '\n');
      return 0;
    }
    io.stdout.write(formatRows(rows, days));
    if (balances.length > 0) {
      io.stdout.write('\nCredit balances\n');
      for (const b of balances) io.stdout.write(`  ${b.provider.padEnd(11)} ${balanceLine(b)}\n`);
    }
    return 0;
  });
}

function rowJson(r: ReconciliationRow) {
  return {
    provider: r.provider,
    day: r.day,
    reportedCostUsd: r.reportedCostNano === null ? null : nanoToUsd(r.reportedCostNano),
    proxyCostUsd: nanoToUsd(r.proxyCostNano),
    unseenCostUsd: r.unseenCostNano === null ? null : nanoToUsd(r.unseenCostNano),
  };
}

function formatRows(rows: ReconciliationRow[], days: { since: Day; until: Day }): string {
  if (rows.length === 0) return `No provider reports or proxy spend from ${days.since} to ${days.until} (UTC days). Fill it with: tokentally poll\n`;
  const table = [
    ['DAY (UTC)', 'PROVIDER', 'REPORTED', 'PROXY', 'UNSEEN'],
    ...rows.map((r) => [
      r.day,
      r.provider,
      r.reportedCostNano === null ? 'not reported' : formatUsd(r.reportedCostNano, { decimals: 2 }) + (r.complete ? '' : '*'),
      formatUsd(r.proxyCostNano, { decimals: 2 }),
      r.unseenCostNano === null ? '—' : formatUsd(r.unseenCostNano, { decimals: 2, signed: true }),
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const lines = table.map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
  const note = rows.some((r) => r.reportedCostNano !== null && !r.complete) ? '\n* still filling: the provider has not reported the whole day yet' : '';
  return lines.join('\n') + note + '\nUnseen = reported − proxy: spend the proxy did not see (negative: the proxy logged more than was billed).\n';
}

function gapJson(d: DayGap) {
  return {
    day: d.day,
    reportedUsd: nanoToUsd(d.reportedNano),
    loggedUsd: nanoToUsd(d.loggedNano),
    gapUsd: nanoToUsd(d.gapNano),
    causes: d.causes,
    lines: d.lines.map((l) => ({
      model: l.model,
      kind: l.kind,
      reportedUsd: nanoToUsd(l.reportedNano),
      loggedUsd: nanoToUsd(l.loggedNano),
      gapUsd: nanoToUsd(l.gapNano),
      modelUnseen: l.modelUnseen,
    })),
  };
}

function formatGaps(provider: string, gaps: DayGap[], days: { since: Day; until: Day }): string {
  if (gaps.length === 0) {
    return `No broken-down cost report for ${provider} from ${days.since} to ${days.until} (UTC days). Fill it with: tokentally poll ${provider}\n`;
  }
  const out: string[] = [];
  for (const d of gaps) {
    out.push(
      `${d.day}  reported ${formatUsd(d.reportedNano, { decimals: 2 })}, proxy ${formatUsd(d.loggedNano, { decimals: 2 })}, ` +
        `gap ${formatUsd(d.gapNano, { decimals: 2, signed: true })}`,
    );
    for (const c of d.causes) out.push(`  - ${c}`);
    if (d.causes.length === 0) out.push('  (no gap of a cent or more in any kind of cost)');
  }
  return out.join('\n') + '\n';
}
