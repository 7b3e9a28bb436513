/**
 * OpenRouter (any API key; account credits need a management key):
 *   GET /api/v1/key      data.{usage, usage_daily, usage_monthly, limit, limit_remaining}: the
 *       key's own spend (total, current UTC day, current UTC month) and its limit (null: none)
 *   GET /api/v1/credits  data.{total_credits, total_usage}: the account's credits bought and used
 * Amounts are dollars (JSON numbers). The key's figures cover one key, while the proxy may carry
 * several, so they are kept as a balance, not as a cost report.
 */
import { attoToNanoOrNull } from './decimal-amount.js';
import { getJson } from './http-json.js';
import { PollError, readingReport } from './poll-error.js';
import { EMPTY_BALANCE, type BalanceRow, type Poller } from './poll-types.js';
import { amountAt, object, optionalAmountAt } from './report-shape.js';
import { reportUrl } from './report-url.js';

const KEY_PATH = '/v1/key';
const CREDITS_PATH = '/v1/credits';

export const openRouterPoller: Poller = {
  provider: 'openrouter',
  probe(kind) {
    return kind === 'admin'
      ? { path: CREDITS_PATH, works: "The management key works: the account's credits can be read." }
      : { path: KEY_PATH, works: 'The key works: its usage and limit can be read.' };
  },
  async poll(ctx) {
    const apiKey = ctx.key('api');
    const managementKey = ctx.key('admin');
    const keyForKey = apiKey ?? managementKey;
    if (!keyForKey) throw new PollError('no-key', 'no OpenRouter key is stored');
    const get = (path: string, key: string) =>
      getJson(ctx, { url: reportUrl(ctx.baseUrl, path, {}), headers: { authorization: `Bearer ${key}` }, providerName: 'OpenRouter', key });

    const keyBody = await get(KEY_PATH, keyForKey);
    const notes: string[] = [];
    let creditsBody: unknown = null;
    try {
      creditsBody = await get(CREDITS_PATH, managementKey ?? keyForKey);
    } catch (err) {
      // Credits are account-wide and need a management key; the key's own figures still count.
      if (!(err instanceof PollError) || (err.kind !== 'unauthorized' && err.kind !== 'forbidden')) throw err;
      notes.push("the account's credits need an OpenRouter management key (tokentally keys set openrouter --admin); the key's usage and limit were read");
    }
    const balance = await readingReport('OpenRouter', 'key or credit figures', () => readBalance(keyBody, creditsBody));
    return { buckets: [], rows: [], balances: [balance], notes };
  },
};

function readBalance(keyBody: unknown, creditsBody: unknown): BalanceRow {
  const key = object(object(keyBody, 'the key answer').data, 'the key answer.data');
  const limitRemaining = optionalAmountAt(key.limit_remaining, 'dollars', 'data.limit_remaining');
  let creditsTotal: bigint | null = null;
  let creditsUsed: bigint | null = null;
  if (creditsBody !== null) {
    const credits = object(object(creditsBody, 'the credits answer').data, 'the credits answer.data');
    creditsTotal = amountAt(credits.total_credits, 'dollars', 'data.total_credits');
    creditsUsed = amountAt(credits.total_usage, 'dollars', 'data.total_usage');
  }
  const remaining = creditsTotal !== null && creditsUsed !== null ? creditsTotal - creditsUsed : limitRemaining;
  return {
    ...EMPTY_BALANCE,
    currency: 'USD',
    remainingNano: attoToNanoOrNull(remaining),
    creditsTotalNano: attoToNanoOrNull(creditsTotal),
    creditsUsedNano: attoToNanoOrNull(creditsUsed),
    keyLimitNano: attoToNanoOrNull(optionalAmountAt(key.limit, 'dollars', 'data.limit')),
    keyLimitRemainingNano: attoToNanoOrNull(limitRemaining),
    keyUsageNano: attoToNanoOrNull(optionalAmountAt(key.usage, 'dollars', 'data.usage')),
    keyUsageDailyNano: attoToNanoOrNull(optionalAmountAt(key.usage_daily, 'dollars', 'data.usage_daily')),
    keyUsageMonthlyNano: attoToNanoOrNull(optionalAmountAt(key.usage_monthly, 'dollars', 'data.usage_monthly')),
  };
}
