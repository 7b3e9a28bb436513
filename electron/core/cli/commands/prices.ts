import fs from 'node:fs';
import path from 'node:path';
import { formatBreakdown, matchModel, priceDataInfo, quoteUsage } from '../../../../shared/pricing/index.js';
import { priceVariants } from '../../../../shared/pricing/price-variants.js';
import { describePriceData, refreshCommand, repriceCommand, usePriceDataOf } from './price-data.js';
import { ZERO_TOKENS, type TokenCounts } from '../../../../shared/usage.js';
import type { Settings } from '../../../../shared/api/contract.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { resolveProviders } from '../../proxy/upstreams.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { readSettings } from '../../ledger/index.js';
import { resolveDataDir } from '../../paths.js';
import { namedProvider, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs, parseCount } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';
import { BUILT_IN_REGISTRY } from '../../../../shared/providers/index.js';

const PRICES_USAGE = `Usage: tokentally prices MODEL [options]
       tokentally prices --info | --refresh [--url URL] | --reprice [--since YYYY-MM-DD] [--until YYYY-MM-DD]

What one call (or a batch of them) costs, kind by kind, from the price data in force (bundled with
the app, or downloaded with --refresh).
  --info               which price data is in force, and its date
  --refresh            download the price library's published list (nothing is fetched otherwise),
                       check it and keep it; a broken download leaves the list in force unchanged
  --url URL            download from here instead (a mirror; TOKENTALLY_PRICE_DATA_URL does the same)
  --reprice            re-price stored calls with the list in force (only when you ask)
  --provider P         ${BUILT_IN_REGISTRY.ids().join(', ')} or a custom provider (default: guessed from the model)
  --input N            uncached input tokens
  --output N           output tokens
  --reasoning N        reasoning tokens (billed as output)
  --cache-read N       input tokens read from the prompt cache
  --cache-write N      input tokens written to the cache (5-minute)
  --cache-write-1h N   input tokens written to the 1-hour cache
  --batch              priced through the batch API (50% of tokens; tool fees are not discounted)
  --web-search N       web searches (per 1,000 fee)
  --service-tier T     OpenAI service tier as the response reports it: default, flex (Batch rates), priority
  --speed fast         Anthropic fast mode (per-model multiplier)
  --inference-geo us   Anthropic US-only inference (1.1x)
  --json               the breakdown as JSON
  --data-dir DIR       read your price overrides from this ledger`;

export const pricesCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      provider: { type: 'string' },
      input: { type: 'string' },
      output: { type: 'string' },
      reasoning: { type: 'string' },
      'cache-read': { type: 'string' },
      'cache-write': { type: 'string' },
      'cache-write-1h': { type: 'string' },
      batch: { type: 'boolean' },
      'web-search': { type: 'string' },
      'service-tier': { type: 'string' },
      speed: { type: 'string' },
      'inference-geo': { type: 'string' },
      json: { type: 'boolean' },
      'data-dir': { type: 'string' },
      info: { type: 'boolean' },
      refresh: { type: 'boolean' },
      url: { type: 'string' },
      reprice: { type: 'boolean' },
      since: { type: 'string' },
      until: { type: 'string' },
    },
    PRICES_USAGE,
  );
  if (values.help) {
    io.stdout.write(PRICES_USAGE + '\n');
    return 0;
  }
  const actions = [values.info, values.refresh, values.reprice].filter(Boolean).length;
  if (actions > 1) throw new UsageError('one of --info, --refresh and --reprice at a time', PRICES_USAGE);
  if (actions === 1 && positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, PRICES_USAGE);
  if (values.refresh) return refreshCommand(values, io);
  if (values.reprice) return repriceCommand(values, io, PRICES_USAGE);
  usePriceDataOf(values['data-dir'], io);
  if (values.info) {
    const info = priceDataInfo();
    io.stdout.write(values.json ? JSON.stringify(info) + '\n' : describePriceData(info) + '\n');
    return 0;
  }
  const model = positionals[0];
  if (!model) throw new UsageError('which model? e.g. tokentally prices claude-sonnet-4 --input 5000 --output 2000', PRICES_USAGE);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, PRICES_USAGE);

  const count = (flag: keyof typeof values & string) => parseCount(values[flag] as string | undefined, `--${flag}`, PRICES_USAGE) ?? 0;
  const tokens: TokenCounts = {
    ...ZERO_TOKENS,
    inputTokens: count('input'),
    outputTokens: count('output'),
    reasoningTokens: count('reasoning'),
    cacheReadTokens: count('cache-read'),
    cacheWrite5mTokens: count('cache-write'),
    cacheWrite1hTokens: count('cache-write-1h'),
    webSearchRequests: count('web-search'),
  };
  const settings = await storedSettings(values['data-dir'], io);
  // A provider Tokentally does not know would be priced as a guess: refuse it, naming the known ones.
  const provider = values.provider === undefined ? '' : knownProvider(settings, io, values.provider);
  const { breakdown, rates } = quoteUsage({
    provider,
    model,
    tokens,
    batch: Boolean(values.batch),
    serviceTier: values['service-tier'] ?? null,
    speed: values.speed ?? null,
    inferenceGeo: values['inference-geo'] ?? null,
    overrides: settings.priceOverrides,
  });
  io.stdout.write(
    values.json
      ? JSON.stringify({ tokens, ...breakdown, priceData: priceDataInfo() }) + '\n'
      : // The breakdown names the version it was priced with; say also how old that list is.
        formatBreakdown(breakdown, tokens, rates).replace(/^Price data: .*$/m, describePriceData(priceDataInfo())) +
          '\n' +
          variantsText(provider, model),
  );
  return 0;
};

/** The settings saved (price overrides, custom providers), if a ledger exists; pricing a model never creates one. */
async function storedSettings(dataDirFlag: string | undefined, io: CliIO): Promise<Pick<Settings, 'priceOverrides' | 'upstreams' | 'customProviders'>> {
  const dataDir = resolveDataDir(dataDirFlag, io.env);
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) return defaultSettings('UTC');
  return withLedger(dataDirFlag, io, { mustExist: true }, (db) => readSettings(db).settings);
}

function knownProvider(settings: Pick<Settings, 'upstreams' | 'customProviders'>, io: CliIO, name: string): string {
  return namedProvider(resolveProviders(settings, io.env).registry, name).id;
}

/** The model's tier and mode variants, as a closing paragraph (empty when it has none). */
function variantsText(provider: string, model: string): string {
  const match = matchModel(provider, model);
  const lines = priceVariants(match?.providerId ?? null, match?.modelId ?? null);
  return lines.length === 0 ? '' : `\nVariants:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
}
