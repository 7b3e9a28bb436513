/**
 * `tokentally prices --refresh | --reprice | --info`: the price list in force, downloading the
 * published one (an explicit action: nothing is fetched otherwise), and re-pricing stored calls
 * with it (only when asked).
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { priceDataInfo, type PriceDataInfo } from '../../../../shared/pricing/index.js';
import { parseDay, startOfDay, addDays } from '../../../../shared/time/zoned.js';
import { readSettings } from '../../ledger/index.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { resolveDataDir } from '../../paths.js';
import { loadStoredPriceData, priceDataUrl, refreshPriceData } from '../../prices/price-data-file.js';
import { repriceStored } from '../../prices/reprice-stored.js';
import { CliError, UsageError, type CliIO } from '../io.js';
import { withLedger } from '../with-ledger.js';
import { errorMessage } from '../../../../shared/error-message.js';

/** One line saying which list is in force and how old it is. */
export function describePriceData(info: PriceDataInfo): string {
  if (info.source === 'bundled') return `Price data: ${info.version} (bundled with the app; ${formatCount(info.models)} models)`;
  return `Price data: downloaded, dated ${info.date} (${formatCount(info.models)} models; ${info.version})`;
}

/** The list the data folder holds, if any, put in force (a bad one is said and left out). */
export function usePriceDataOf(dataDirFlag: string | undefined, io: CliIO): void {
  const { problem } = loadStoredPriceData(resolveDataDir(dataDirFlag, io.env));
  if (problem) io.stderr.write(`tokentally: ${problem}\n`);
}

export async function refreshCommand(values: { url?: string; 'data-dir'?: string }, io: CliIO): Promise<number> {
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  usePriceDataOf(values['data-dir'], io);
  const url = values.url ?? priceDataUrl(io.env);
  try {
    const result = await refreshPriceData({ dataDir, url, now: Date.now() });
    io.stdout.write(
      `${result.outcome === 'updated' ? 'Price data updated' : 'Price data unchanged'} from ${url}\n${describePriceData(result.info)}\n` +
        (result.newModels.length > 0 ? `New models: ${result.newModels.slice(0, 20).join(', ')}${result.newModels.length > 20 ? `, and ${result.newModels.length - 20} more` : ''}\n` : '') +
        'Stored calls keep their cost; re-price them with: tokentally prices --reprice\n',
    );
    return 0;
  } catch (err) {
    throw new CliError(`${errorMessage(err)}. The price data in force is unchanged: ${describePriceData(priceDataInfo())}`);
  }
}

export async function repriceCommand(values: { since?: string; until?: string; 'data-dir'?: string }, io: CliIO, usage: string): Promise<number> {
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) throw new CliError(`no ledger in ${dataDir}: nothing to re-price`);
  usePriceDataOf(values['data-dir'], io);
  return withLedger(values['data-dir'], io, { mustExist: true }, (db) => {
    const tz = readSettings(db).settings.timezone;
    const day = (v: string | undefined, flag: string) => {
      if (v === undefined) return undefined;
      try {
        return parseDay(v);
      } catch (err) {
        throw new UsageError(`${flag}: ${errorMessage(err)}`, usage);
      }
    };
    const since = day(values.since, '--since');
    const until = day(values.until, '--until');
    const result = repriceStored(db, {
      from: since ? startOfDay(since, tz) : undefined,
      to: until ? startOfDay(addDays(until, 1), tz) : undefined,
      overrides: readSettings(db).settings.priceOverrides,
    });
    const sign = result.deltaNano < 0 ? '-' : '+';
    io.stdout.write(
      `Re-priced ${formatCount(result.examined)} calls with ${priceDataInfo().version}: ${formatCount(result.changed)} changed, ` +
        `${sign}${formatUsd(Math.abs(result.deltaNano))} in total. Provider-reported costs and errors are left as they were.\n`,
    );
    return 0;
  });
}
