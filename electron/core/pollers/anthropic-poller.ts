/**
 * Anthropic Admin API (an organization's `sk-ant-admin…` key):
 *   GET /v1/organizations/usage_report/messages  daily buckets by model: uncached_input_tokens,
 *       cache_creation.{ephemeral_5m,ephemeral_1h}_input_tokens, cache_read_input_tokens, output_tokens
 *   GET /v1/organizations/cost_report             daily buckets; results' `amount` is a decimal
 *       string in cents ("123.45" = $1.2345), grouped by description so each carries its model
 * Both paginate with has_more / next_page (`page=`). Data lands within about five minutes.
 *
 * The cost is read from the current Analytics cost report first (GET /v1/organizations/analytics/
 * cost_report, beta `analytics-usage-cost-2026-08-24`: the same buckets and results, grouped by
 * model, cost_type and context_window; for Claude Enterprise organizations, from 2026-01-01 and the
 * last 365 days; source: the official TypeScript SDK, beta.organization.analytics.costReport, and
 * platform.claude.com/docs/en/api/beta/organization/analytics, checked 2026-12-07). Where it does not
 * answer (HTTP 400/403/404: not an Enterprise organization, or the beta is gone) the Admin API's
 * cost_report above is read, as before; its results carry the same cost_type, context_window and
 * model when grouped by description. Either way each result is kept as a cost line (model, cost
 * type, context window, token type) for the reconciliation by kind of cost.
 */
import { anthropicProfile } from '../../../shared/providers/anthropic.js';
import { getJson } from './http-json.js';
import { collectPages } from './pagination.js';
import { PollError, readingReport } from './poll-error.js';
import type { Poller } from './poll-types.js';
import { forEachBucket, type BucketShape } from './report-buckets.js';
import { amountAt, count, object, optionalText, ShapeError, timestamp, type Json } from './report-shape.js';
import { ReportRows } from './report-rows.js';
import { reportUrl } from './report-url.js';

const USAGE_PATH = '/v1/organizations/usage_report/messages';
const COST_PATH = '/v1/organizations/cost_report';
const ANALYTICS_COST_PATH = '/v1/organizations/analytics/cost_report';
const ANALYTICS_BETA = 'analytics-usage-cost-2026-08-24';
/** The Analytics API holds nothing before this, nor more than 365 days back. */
const ANALYTICS_FIRST_DAY = Date.parse('2026-01-01T00:00:00Z');
const ANALYTICS_DAYS = 365;
/** The most daily buckets one page may hold. */
const DAYS_PER_PAGE = '31';

export const anthropicPoller: Poller = {
  provider: 'anthropic',
  probe(kind, today) {
    if (kind !== 'admin') return null;
    return { path: USAGE_PATH, query: { starting_at: new Date(today).toISOString(), bucket_width: '1d', limit: '1' }, works: "The Admin key works: it can read Anthropic's usage and cost reports." };
  },
  async poll(ctx) {
    const key = ctx.key('admin');
    if (!key) throw new PollError('no-key', 'no Anthropic Admin key is stored');
    const headers = { ...anthropicProfile.ownRequestHeaders, 'x-api-key': key };
    const startingAt = new Date(ctx.since).toISOString();
    const fetchReport = (path: string, groupBy: string) => (page: string | null) =>
      getJson(ctx, {
        url: reportUrl(ctx.baseUrl, path, { starting_at: startingAt, bucket_width: '1d', 'group_by[]': groupBy, limit: DAYS_PER_PAGE, page }),
        headers,
        providerName: 'Anthropic',
        key,
      });
    const usage = await readingReport('Anthropic', 'a usage report', () => collectPages(fetchReport(USAGE_PATH, 'model')));
    const analyticsReaches = ctx.since >= ANALYTICS_FIRST_DAY && ctx.now() - ctx.since < ANALYTICS_DAYS * 86_400_000;
    const fetchAnalytics = (page: string | null) =>
      getJson(ctx, {
        url: reportUrl(ctx.baseUrl, ANALYTICS_COST_PATH, {
          starting_at: startingAt,
          bucket_width: '1d',
          'group_by[]': ['model', 'cost_type', 'context_window'],
          limit: DAYS_PER_PAGE,
          page,
        }),
        headers: { ...headers, 'anthropic-beta': ANALYTICS_BETA },
        providerName: 'Anthropic',
        key,
      });
    let cost: Json[] | null = null;
    const notes: string[] = [];
    if (analyticsReaches) {
      try {
        cost = await collectPages(fetchAnalytics);
      } catch (err) {
        const kind = err instanceof PollError ? err.kind : null;
        // Not an Enterprise organization, or the beta is gone: the Admin cost report still answers.
        if (kind !== 'forbidden' && kind !== 'not-found' && !(err instanceof PollError && err.status === 400)) throw err;
      }
    }
    if (cost === null) cost = await readingReport('Anthropic', 'a cost report', () => collectPages(fetchReport(COST_PATH, 'description')));
    const rows = new ReportRows();
    await readingReport('Anthropic', 'a usage report', () => addUsage(rows, usage));
    await readingReport('Anthropic', 'a cost report', () => addCost(rows, cost));
    return { ...(await readingReport('Anthropic', 'a cost report', () => rows.result())), costLines: rows.costLines(), notes };
  },
};

const ANTHROPIC_BUCKET: BucketShape = {
  times: (bucket, path) => [timestamp(bucket, 'starting_at', path), timestamp(bucket, 'ending_at', path)],
  results: (bucket) => bucket.results,
};

function addUsage(rows: ReportRows, pages: Json[]): void {
  forEachBucket(
    pages,
    ANTHROPIC_BUCKET,
    (start, end) => rows.bucket('usage', start, end),
    (start, end, r, path) => {
      const cache = r.cache_creation === undefined || r.cache_creation === null ? {} : object(r.cache_creation, `${path}.cache_creation`);
      rows.addUsage(start, end, optionalText(r, 'model', path) ?? '', {
        inputTokens: count(r, 'uncached_input_tokens', path),
        cacheWrite5mTokens: count(cache, 'ephemeral_5m_input_tokens', `${path}.cache_creation`),
        cacheWrite1hTokens: count(cache, 'ephemeral_1h_input_tokens', `${path}.cache_creation`),
        cacheReadTokens: count(r, 'cache_read_input_tokens', path),
        outputTokens: count(r, 'output_tokens', path),
        // The messages report has no request counts.
        requests: null,
      });
    },
  );
}

function addCost(rows: ReportRows, pages: Json[]): void {
  forEachBucket(
    pages,
    ANTHROPIC_BUCKET,
    (start, end) => rows.bucket('cost', start, end),
    (start, end, r, path) => {
      const currency = optionalText(r, 'currency', path);
      if (currency !== null && currency.toUpperCase() !== 'USD') throw new ShapeError(`${path} is in ${currency}, not USD`);
      const model = optionalText(r, 'model', path) ?? '';
      const amount = amountAt(r.amount, 'cents', `${path}.amount`);
      rows.addCost(start, end, model, amount);
      rows.addCostLine(
        start,
        end,
        {
          model,
          costType: optionalText(r, 'cost_type', path) ?? '',
          contextWindow: optionalText(r, 'context_window', path) ?? '',
          tokenType: optionalText(r, 'token_type', path) ?? '',
        },
        amount,
      );
    },
  );
}

