/**
 * OpenAI organization reports (an Admin key, `sk-admin-…`):
 *   GET /v1/organization/usage/completions  daily buckets by model: input_tokens (which INCLUDES
 *       input_cached_tokens), input_cached_tokens, output_tokens, num_model_requests
 *   GET /v1/organization/costs               daily buckets; results' amount.value is in dollars
 * Buckets are `{start_time, end_time}` in unix seconds with their list under `results` (some
 * answers say `result`: both are read). Pagination: has_more / next_page (`page=`).
 */
import { getJson } from './http-json.js';
import { collectPages } from './pagination.js';
import { PollError, readingReport } from './poll-error.js';
import type { Poller } from './poll-types.js';
import { forEachBucket, type BucketShape } from './report-buckets.js';
import { ReportRows } from './report-rows.js';
import { amountAt, count, object, optionalText, ShapeError, unixSeconds, type Json } from './report-shape.js';
import { reportUrl } from './report-url.js';

const COMPLETIONS_PATH = '/v1/organization/usage/completions';
const COSTS_PATH = '/v1/organization/costs';
const DAYS_PER_PAGE = '31';

export const openAiPoller: Poller = {
  provider: 'openai',
  probe(kind, today) {
    if (kind !== 'admin') return null;
    return { path: COSTS_PATH, query: { start_time: String(today / 1000), limit: '1' }, works: "The Admin key works: it can read OpenAI's usage and costs." };
  },
  async poll(ctx) {
    const key = ctx.key('admin');
    if (!key) throw new PollError('no-key', 'no OpenAI Admin key is stored');
    const startTime = String(Math.floor(ctx.since / 1000));
    const fetchReport = (path: string, extra: Record<string, string>) => (page: string | null) =>
      getJson(ctx, {
        url: reportUrl(ctx.baseUrl, path, { start_time: startTime, bucket_width: '1d', limit: DAYS_PER_PAGE, ...extra, page }),
        headers: { authorization: `Bearer ${key}` },
        providerName: 'OpenAI',
        key,
      });
    const usage = await readingReport('OpenAI', 'a usage report', () => collectPages(fetchReport(COMPLETIONS_PATH, { group_by: 'model' })));
    const costs = await readingReport('OpenAI', 'a cost report', () => collectPages(fetchReport(COSTS_PATH, {})));
    const rows = new ReportRows();
    await readingReport('OpenAI', 'a usage report', () => addUsage(rows, usage));
    await readingReport('OpenAI', 'a cost report', () => addCosts(rows, costs));
    return { ...(await readingReport('OpenAI', 'a cost report', () => rows.result())), notes: [] };
  },
};

const OPENAI_BUCKET: BucketShape = {
  times: (bucket, path) => [unixSeconds(bucket, 'start_time', path), unixSeconds(bucket, 'end_time', path)],
  results: (bucket) => bucket.results ?? bucket.result,
};

function addUsage(rows: ReportRows, pages: Json[]): void {
  forEachBucket(
    pages,
    OPENAI_BUCKET,
    (start, end) => rows.bucket('usage', start, end),
    (start, end, r, path) => {
      const input = count(r, 'input_tokens', path);
      const cached = count(r, 'input_cached_tokens', path);
      if (cached > input) throw new ShapeError(`${path} has more cached input tokens than input tokens`);
      rows.addUsage(start, end, optionalText(r, 'model', path) ?? '', {
        inputTokens: input - cached,
        cacheWrite5mTokens: 0,
        cacheWrite1hTokens: 0,
        cacheReadTokens: cached,
        outputTokens: count(r, 'output_tokens', path),
        requests: count(r, 'num_model_requests', path),
      });
    },
  );
}

function addCosts(rows: ReportRows, pages: Json[]): void {
  forEachBucket(
    pages,
    OPENAI_BUCKET,
    (start, end) => rows.bucket('cost', start, end),
    (start, end, r, path) => {
      const amount = object(r.amount, `${path}.amount`);
      const currency = optionalText(amount, 'currency', `${path}.amount`);
      if (currency !== null && currency.toLowerCase() !== 'usd') throw new ShapeError(`${path} is in ${currency}, not USD`);
      // Not grouped: a day's total, attributed to no model.
      rows.addCost(start, end, '', amountAt(amount.value, 'dollars', `${path}.amount.value`));
    },
  );
}
