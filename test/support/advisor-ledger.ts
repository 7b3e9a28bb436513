/**
 * Ledgers for the savings advisor's tests: one planted waste of each kind, and the same kinds of
 * work done without waste. Each expected figure is computed here by hand from the planted calls and
 * the published rates (Anthropic's price list, USD per million tokens: Sonnet 4.5 $3 in / $15 out /
 * $0.30 cache read / $3.75 5-minute write / $6 1-hour write; Haiku 4.5 $1 / $5; Opus 4.6 $5 / $25,
 * and 6× in fast mode; web search $10 per 1,000; platform.claude.com pricing, checked 2026-12-07),
 * never by the advisor's code. The costs on the rows are the project's own pricing, as the proxy
 * would have stored them. Times are in UTC; the ledger's zone must be UTC for the off-hours to hold.
 */
import { priceUsage } from '../../shared/pricing/index.js';
import type { FindingKind } from '../../shared/api/contract-advisor.js';
import { ZERO_TOKENS, type NewUsageRecord, type TokenCounts } from '../../shared/usage.js';
import { PROXIED_CALL } from './seed.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A call as the proxy would have stored it. */
function call(p: {
  time: number;
  tag: string | null;
  model: string;
  tokens: Partial<TokenCounts>;
  stream?: boolean;
  status?: NewUsageRecord['status'];
  billing?: NewUsageRecord['billing'];
  speed?: string;
}): NewUsageRecord {
  const tokens = { ...ZERO_TOKENS, ...p.tokens };
  const billing = p.billing ?? 'api';
  const price = priceUsage({ provider: 'anthropic', model: p.model, tokens, batch: billing === 'batch', speed: p.speed ?? null });
  return {
    ...PROXIED_CALL,
    time: p.time,
    model: p.model,
    billing,
    tag: p.tag,
    status: p.status ?? 'ok',
    stream: p.stream ?? false,
    ...tokens,
    costNano: price.totalNano,
    priced: price.priced,
    costSource: price.costSource,
    priceVersion: price.priceVersion,
    latencyMs: 900,
    errorMessage: p.status === 'incomplete' ? 'the client went away before the answer was complete' : null,
    speed: p.speed ?? null,
  };
}

/**
 * `base` is a UTC midnight; every call falls in days 1..25 after it (day 1 = base), so a report
 * made from base + 25 days to base + 30 days sees them all.
 */
function clock(base: number) {
  return (day: number, hour: number, minute = 0) => base + (day - 1) * DAY + hour * HOUR + minute * MIN;
}

export interface PlantedLedger {
  records: NewUsageRecord[];
  /** The expected monthly saving of each finding, in dollars, with the tag it is on. */
  expected: Record<FindingKind, { tag: string; usd: number }>;
}

export function plantedWaste(base: number): PlantedLedger {
  const at = clock(base);
  const records: NewUsageRecord[] = [];

  // doc-qa: 6 sessions of 10 streamed calls a minute apart, 20,000+ input tokens each, no caching.
  for (let s = 0; s < 6; s++) {
    for (let i = 0; i < 10; i++) {
      records.push(call({ time: at(2 + s, 10, i), tag: 'doc-qa', model: 'claude-sonnet-4-5', stream: true, tokens: { inputTokens: 20_000 + 100 * i, outputTokens: 300 } }));
    }
  }
  // N = 60 calls, P = 20,000 (the shortest), W = 6 writes (one a session), R = 54 reads.
  // Now: 60 × 20,000 × $3 = $3.60. Cached: 54 × 20,000 × $0.30 + 6 × 20,000 × $3.75 = $0.324 + $0.45.
  const docQa = 3.6 - (0.324 + 0.45);

  // nightly-report: 6 calls a night at 02:00 for 25 nights, never streamed; 10 of them ran 2 web searches.
  for (let d = 1; d <= 25; d++) {
    for (let i = 0; i < 6; i++) {
      records.push(
        call({ time: at(d, 2, 4 * i), tag: 'nightly-report', model: 'claude-sonnet-4-5', tokens: { inputTokens: 3_000, outputTokens: 800, webSearchRequests: d <= 10 && i === 0 ? 2 : 0 } }),
      );
    }
  }
  // 150 calls × (3,000 × $3 + 800 × $15) / 1M = 150 × $0.021 = $3.15 of tokens, halved;
  // the $0.20 of search fees are never halved.
  const nightly = 3.15 / 2;

  // classify: 400 small streamed calls on Sonnet, business hours.
  for (let i = 0; i < 400; i++) {
    records.push(call({ time: at(2 + (i % 20), 9 + (i % 8), i % 60), tag: 'classify', model: 'claude-sonnet-4-5', stream: true, tokens: { inputTokens: 1_500, outputTokens: 120 } }));
  }
  // Sonnet: 400 × (1,500 × $3 + 120 × $15) = $2.52; Haiku 4.5: 400 × (1,500 × $1 + 120 × $5) = $0.84.
  const classify = 2.52 - 0.84;

  // support-bot: 5 days of 10 streamed calls 20 minutes apart, each writing its 10,000-token prefix
  // again with the 5-minute TTL.
  for (let d = 0; d < 5; d++) {
    for (let i = 0; i < 10; i++) {
      records.push(
        call({ time: at(9 + d, 13) + i * 20 * MIN, tag: 'support-bot', model: 'claude-sonnet-4-5', stream: true, tokens: { inputTokens: 500, cacheWrite5mTokens: 10_000, outputTokens: 200 } }),
      );
    }
  }
  // Expired re-writes: 9 a day × 5 days × 10,000 = 450,000 tokens × ($3.75 − $0.30); the 5 first
  // writes of the day (50,000 tokens) would cost ($6 − $3.75) more as 1-hour writes.
  const supportBot = 0.45 * (3.75 - 0.3) - 0.05 * (6 - 3.75);

  // agent: 10 calls cut by the client (billed), each made again 30 s later (cached: no other waste).
  for (let i = 0; i < 10; i++) {
    const time = at(16 + (i % 5), 11, i);
    records.push(call({ time, tag: 'agent', model: 'claude-sonnet-4-5', stream: true, status: 'incomplete', tokens: { inputTokens: 30_000, outputTokens: 2_000 } }));
    records.push(call({ time: time + 30_000, tag: 'agent', model: 'claude-sonnet-4-5', stream: true, tokens: { inputTokens: 5_000, cacheReadTokens: 25_000, outputTokens: 2_500 } }));
  }
  // 10 × (30,000 × $3 + 2,000 × $15) = 10 × $0.12.
  const agent = 1.2;

  // overnight-eval: 20 unstreamed calls at 23:00 on Opus 4.6 in fast mode.
  for (let i = 0; i < 20; i++) {
    records.push(call({ time: at(3 + i, 23), tag: 'overnight-eval', model: 'claude-opus-4-6', speed: 'fast', tokens: { inputTokens: 2_000, outputTokens: 1_000 } }));
  }
  // Standard: 20 × (2,000 × $5 + 1,000 × $25) = $0.70; fast mode is 6× that, so the saving is 5 × $0.70.
  const overnightEval = 5 * 0.7;

  return {
    records,
    expected: {
      'prompt-caching': { tag: 'doc-qa', usd: docQa },
      batch: { tag: 'nightly-report', usd: nightly },
      'smaller-model': { tag: 'classify', usd: classify },
      'cache-ttl': { tag: 'support-bot', usd: supportBot },
      'billed-failures': { tag: 'agent', usd: agent },
      'fast-mode': { tag: 'overnight-eval', usd: overnightEval },
    },
  };
}

/** The same kinds of work, done without waste: the advisor must find nothing. */
export function cleanLedger(base: number): NewUsageRecord[] {
  const at = clock(base);
  const out: NewUsageRecord[] = [];
  // Chat sessions that cache properly: one 5-minute write, then reads a minute apart.
  for (let s = 0; s < 6; s++) {
    for (let i = 0; i < 10; i++) {
      const tokens = i === 0 ? { inputTokens: 400, cacheWrite5mTokens: 20_000, outputTokens: 900 } : { inputTokens: 400, cacheReadTokens: 20_000, outputTokens: 900 };
      out.push(call({ time: at(2 + s, 10, i), tag: 'doc-qa', model: 'claude-sonnet-4-5', stream: true, tokens }));
    }
  }
  // The nightly job already goes through the Batch API.
  for (let d = 1; d <= 25; d++) {
    for (let i = 0; i < 6; i++) out.push(call({ time: at(d, 2, 4 * i), tag: 'nightly-report', model: 'claude-sonnet-4-5', billing: 'batch', tokens: { inputTokens: 3_000, outputTokens: 800 } }));
  }
  // Small calls already on the small model.
  for (let i = 0; i < 400; i++) {
    out.push(call({ time: at(2 + (i % 20), 9 + (i % 8), i % 60), tag: 'classify', model: 'claude-haiku-4-5', stream: true, tokens: { inputTokens: 1_500, outputTokens: 120 } }));
  }
  // Calls 20 minutes apart that write their prefix with the 1-hour TTL and read it between.
  for (let d = 0; d < 5; d++) {
    for (let i = 0; i < 10; i++) {
      const tokens = i % 3 === 0 ? { inputTokens: 500, cacheWrite1hTokens: 10_000, outputTokens: 200 } : { inputTokens: 500, cacheReadTokens: 10_000, outputTokens: 200 };
      out.push(call({ time: at(9 + d, 13) + i * 20 * MIN, tag: 'support-bot', model: 'claude-sonnet-4-5', stream: true, tokens }));
    }
  }
  // Two cut calls in a month is bad luck, not a pattern.
  for (let i = 0; i < 2; i++) out.push(call({ time: at(16 + i, 11), tag: 'agent', model: 'claude-sonnet-4-5', stream: true, status: 'incomplete', tokens: { inputTokens: 30_000, outputTokens: 2_000 } }));
  // Fast mode where someone waits (streamed, working hours).
  for (let i = 0; i < 20; i++) out.push(call({ time: at(3 + i, 14), tag: 'pairing', model: 'claude-opus-4-6', speed: 'fast', stream: true, tokens: { inputTokens: 2_000, outputTokens: 1_000 } }));
  // A low-volume unstreamed cron job at night, standard speed, long outputs.
  for (let i = 0; i < 30; i++) out.push(call({ time: at(1 + (i % 25), 3), tag: 'cron', model: 'claude-sonnet-4-5', tokens: { inputTokens: 2_000, outputTokens: 1_500 } }));
  // Claude Code on a plan, no caching and all: subscription usage is not spend.
  for (let i = 0; i < 50; i++) out.push(call({ time: at(4, 15, i), tag: 'claude-code', model: 'claude-sonnet-4-5', billing: 'subscription', stream: true, tokens: { inputTokens: 40_000, outputTokens: 100 } }));
  return out;
}
