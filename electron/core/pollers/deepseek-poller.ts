/**
 * DeepSeek (an API key): GET /user/balance →
 *   {is_available, balance_infos: [{currency, total_balance, granted_balance, topped_up_balance}]}
 * Amounts are decimal strings in whole currency units (CNY or USD), kept in their currency.
 */
import { attoToNano, attoToNanoOrNull } from './decimal-amount.js';
import { getJson } from './http-json.js';
import { PollError, readingReport } from './poll-error.js';
import { EMPTY_BALANCE, type BalanceRow, type Poller } from './poll-types.js';
import { amountAt, array, object, optionalAmountAt, optionalText, ShapeError } from './report-shape.js';
import { reportUrl } from './report-url.js';

const BALANCE_PATH = '/user/balance';

export const deepSeekPoller: Poller = {
  provider: 'deepseek',
  probe() {
    return { path: BALANCE_PATH, works: 'The key works: the account balance can be read.' };
  },
  // An OpenAI-compatible base URL often ends in /v1 (https://api.deepseek.com/v1); /user/balance is not under it.
  reportsBase(upstream) {
    const url = new URL(upstream.href);
    if (/\/v1\/?$/.test(url.pathname)) url.pathname = url.pathname.replace(/\/v1\/?$/, '/');
    return url;
  },
  async poll(ctx) {
    const key = ctx.key('api') ?? ctx.key('admin');
    if (!key) throw new PollError('no-key', 'no DeepSeek API key is stored');
    const body = await getJson(ctx, { url: reportUrl(ctx.baseUrl, BALANCE_PATH, {}), headers: { authorization: `Bearer ${key}` }, providerName: 'DeepSeek', key });
    const balances = await readingReport('DeepSeek', 'a balance', () => readBalances(body));
    return { buckets: [], rows: [], balances, notes: [] };
  },
};

function readBalances(body: unknown): BalanceRow[] {
  const o = object(body, 'the balance answer');
  const available = typeof o.is_available === 'boolean' ? o.is_available : null;
  const seen = new Set<string>();
  return array(o.balance_infos, 'balance_infos').map((entry, i) => {
    const path = `balance_infos[${i}]`;
    const info = object(entry, path);
    const currency = optionalText(info, 'currency', path)?.trim().toUpperCase();
    if (!currency || !/^[A-Z]{3}$/.test(currency)) throw new ShapeError(`${path}.currency is not a currency code`);
    if (seen.has(currency)) throw new ShapeError(`${path} repeats ${currency}`);
    seen.add(currency);
    return {
      ...EMPTY_BALANCE,
      currency,
      remainingNano: attoToNano(amountAt(info.total_balance, 'dollars', `${path}.total_balance`)),
      grantedNano: attoToNanoOrNull(optionalAmountAt(info.granted_balance, 'dollars', `${path}.granted_balance`)),
      toppedUpNano: attoToNanoOrNull(optionalAmountAt(info.topped_up_balance, 'dollars', `${path}.topped_up_balance`)),
      available,
    };
  });
}
