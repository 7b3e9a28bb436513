/**
 * The loop guard's traffic corpus: five weeks of normal calls (a week the guard learns from, then a
 * month it must not alarm on), made from a fixed seed by the seeded PRNG (mulberry32), with the
 * loops the tests add to it. Four tags with their own rhythm:
 *  - claude-code: weekdays 09-18, turns of 3-15 calls a few seconds apart (an agent's tool chain);
 *  - nightly-batch: 200 calls every night from 01:00, one every 12 s;
 *  - support-bot: all day, busier in the afternoon, a few FAQ questions asked word for word and
 *    now and then a client's retry of the same request;
 *  - ci-review: weekdays 08-20, bursts of 4-10 calls when a pull request comes in.
 * Launch day (Monday 2 November, the month's 22nd day): support 3×, claude-code and CI 2×.
 * No file or clock is read: the same seed gives the same calls.
 */
import { seededRandom } from './seeded-random.js';

export const TRAFFIC_TAGS = ['claude-code', 'nightly-batch', 'support-bot', 'ci-review'] as const;
type TrafficTag = (typeof TRAFFIC_TAGS)[number];

export interface TrafficCall {
  at: number;
  tag: TrafficTag | string;
  costNano: number;
  /** The request's fingerprint (equal for the same request). */
  fingerprint: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 5 October 2026, 00:00 UTC: the learning week; the month starts a week later. */
const TRAFFIC_START = Date.UTC(2026, 9, 5);
export const MONTH_START = TRAFFIC_START + 7 * DAY;
const TRAFFIC_DAYS = 7 + 30;
/** Monday 2 November 2026: launch day. */
export const LAUNCH_DAY = MONTH_START + 21 * DAY;
const TRAFFIC_SEED = 16_2;

const usd = (x: number) => Math.round(x * 1e9);

export function normalTraffic(seed = TRAFFIC_SEED): TrafficCall[] {
  const rand = seededRandom(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  let nextFp = 1;
  const fresh = () => nextFp++;
  /** Arrivals of a Poisson process of `perHour` over [from, from + ms). */
  const arrivals = (from: number, ms: number, perHour: number): number[] => {
    const out: number[] = [];
    if (perHour <= 0) return out;
    let t = from;
    for (;;) {
      t += (-Math.log(1 - rand()) / perHour) * HOUR;
      if (t >= from + ms) return out;
      out.push(Math.round(t));
    }
  };
  const faq = [fresh(), fresh(), fresh(), fresh(), fresh()];
  const calls: TrafficCall[] = [];

  for (let d = 0; d < TRAFFIC_DAYS; d++) {
    const day = TRAFFIC_START + d * DAY;
    const weekday = new Date(day).getUTCDay();
    const workday = weekday >= 1 && weekday <= 5;
    const launch = day === LAUNCH_DAY;

    if (workday) {
      for (const turn of arrivals(day + 9 * HOUR, 9 * HOUR, 2.5 * (launch ? 2 : 1))) {
        let t = turn;
        for (let i = int(3, 15); i > 0; i--) {
          calls.push({ at: t, tag: 'claude-code', costNano: usd(0.01 + 0.05 * rand() ** 2), fingerprint: fresh() });
          t += Math.round(between(3, 8) * 1000);
        }
      }
      for (const pr of arrivals(day + 8 * HOUR, 12 * HOUR, launch ? 2 : 1)) {
        for (let i = int(4, 10), t = pr; i > 0; i--, t += Math.round(between(5, 15) * 1000)) {
          calls.push({ at: t, tag: 'ci-review', costNano: usd(between(0.05, 0.15)), fingerprint: fresh() });
        }
      }
    }

    for (let i = 0; i < 200; i++) calls.push({ at: day + HOUR + i * 12_000, tag: 'nightly-batch', costNano: usd(between(0.008, 0.012)), fingerprint: fresh() });

    for (let h = 0; h < 24; h++) {
      const perHour = (10 + 30 * Math.max(0, Math.sin((Math.PI * (h - 6)) / 14))) * (launch ? 3 : 1);
      for (const t of arrivals(day + h * HOUR, HOUR, perHour)) {
        const fingerprint = rand() < 0.05 ? faq[int(0, faq.length - 1)]! : fresh();
        const call = { at: t, tag: 'support-bot', costNano: usd(between(0.003, 0.01)), fingerprint };
        calls.push(call);
        // A client's retry after a timeout: the same request again a second or two later.
        if (rand() < 0.01) calls.push({ ...call, at: t + int(1_000, 2_000) });
      }
    }
  }
  return calls.sort((a, b) => a.at - b.at || a.fingerprint - b.fingerprint);
}

/**
 * A runaway loop on `tag` from `at`: `count` calls `everyMs` apart, each costing `costNano`;
 * `sameRequest`: every call is the same request (a retry or tool-error loop), else each differs
 * (an agent whose context grows).
 */
export function loop(tag: string, at: number, o: { count: number; everyMs: number; costNano: number; sameRequest: boolean }): TrafficCall[] {
  const base = 1_000_000_000 + Math.floor(at / 1000);
  return Array.from({ length: o.count }, (_, i) => ({ at: at + i * o.everyMs, tag, costNano: o.costNano, fingerprint: o.sameRequest ? base : base + 1 + i }));
}
