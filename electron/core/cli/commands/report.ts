import { buildPeriodReport, buildRequestsReport, readSettings } from '../../ledger/index.js';
import { formatPeriodTable, formatRequestsTable } from '../../../../shared/report/format-table.js';
import { isValidTimeZone, parseDay } from '../../../../shared/time/zoned.js';
import { UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs, parseCount } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';
import { reconcileReport } from './report-reconcile.js';
import { errorMessage } from '../../../../shared/error-message.js';

const REPORT_USAGE = `Usage: tokentally report daily|monthly|requests|reconcile [options]

  reconcile: per provider and UTC day, the cost the provider reports beside the cost the proxy
  logged (unseen = reported − proxy), and the credit balances; fill it with tokentally poll.
  With --by-kind PROVIDER: per day and model, which kind of cost the gap is in (tokens, long
  context, web search, code execution, a model the proxy never saw), from the provider's cost report
  broken down by model and kind of cost (Anthropic's, polled with an Admin key).

  --since YYYY-MM-DD   first day included
  --until YYYY-MM-DD   last day included
  --tz ZONE            IANA time zone the days are read in (default: the time-zone setting)
  --limit N            requests only: the latest N rows (default: all)
  --by-kind PROVIDER   reconcile only: the gap by kind of cost (anthropic)
  --json               one JSON object (shapes in the README)
  --data-dir DIR       where the ledger lives`;

/** The reports there are: the main help lists these. */
export const REPORT_KINDS = ['daily', 'monthly', 'requests', 'reconcile'] as const;
type Kind = (typeof REPORT_KINDS)[number];

export const reportCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      since: { type: 'string' },
      until: { type: 'string' },
      'by-kind': { type: 'string' },
      tz: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
    },
    REPORT_USAGE,
  );
  if (values.help) {
    io.stdout.write(REPORT_USAGE + '\n');
    return 0;
  }
  const kind = positionals[0] as Kind | undefined;
  if (!kind || !REPORT_KINDS.includes(kind)) {
    throw new UsageError(`${kind ? `unknown report "${kind}"` : 'which report?'} (${REPORT_KINDS.join(', ')})`, REPORT_USAGE);
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, REPORT_USAGE);
  const since = dayFlag(values.since, '--since');
  const until = dayFlag(values.until, '--until');
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`, REPORT_USAGE);
  if (kind === 'reconcile') {
    return reconcileReport({ since, until, json: values.json === true, dataDir: values['data-dir'], tz: values.tz, byKind: values['by-kind'] }, io, REPORT_USAGE);
  }
  if (values['by-kind'] !== undefined) throw new UsageError('--by-kind applies to report reconcile only', REPORT_USAGE);
  if (values.tz !== undefined && !isValidTimeZone(values.tz)) {
    throw new UsageError(`unknown time zone "${values.tz}" (use an IANA name such as Europe/Paris)`, REPORT_USAGE);
  }
  const limit = parseCount(values.limit, '--limit', REPORT_USAGE);

  return withLedger(values['data-dir'], io, { mustExist: false }, (db) => {
    const tz = values.tz ?? readSettings(db).settings.timezone;
    if (kind === 'requests') {
      const report = buildRequestsReport(db, { since, until, tz, limit });
      io.stdout.write(values.json ? JSON.stringify(report) + '\n' : formatRequestsTable(report) + '\n');
    } else {
      const report = buildPeriodReport(db, { granularity: kind, since, until, tz });
      io.stdout.write(values.json ? JSON.stringify(report) + '\n' : formatPeriodTable(report, kind) + '\n');
    }
    return 0;
  });
};

function dayFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDay(value);
  } catch (err) {
    throw new UsageError(`${flag}: ${errorMessage(err)}`, REPORT_USAGE);
  }
}
