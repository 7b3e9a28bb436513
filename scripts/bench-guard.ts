/**
 * What the loop guard adds to each proxied call, on the proxy's thread: its admit (the request's
 * fingerprint, the repeat counters, the pause check) and its observe (the spend counters), through
 * the same createProxyGuard the core runs, on request bodies from 2 KB to 8 MB, 200 tags in turn.
 * Beside it, the baseline measured in the same run: JSON.parse of the same body, the parse the guard
 * avoids. Target: ≤ 100 µs a call at any body size (a fifth of the proxy's 0.5 ms p50 budget).
 * Run: npm run bench:guard
 */
import { createProxyGuard } from '../electron/core/guard/proxy-guard.js';
import { DEFAULT_GUARD_SETTINGS } from '../shared/guard/guard-settings.js';
import type { NewUsageRecord } from '../shared/usage.js';
import { seededRandom } from '../test/support/seeded-random.js';

const TARGET_US = 100;
const TAGS = 200;
const SIZES = [2 * 1024, 32 * 1024, 128 * 1024, 1024 * 1024, 8 * 1024 * 1024];

/** A Messages request of about `size` bytes: a conversation of turns of ordinary text. */
function body(size: number, seed: number): Buffer {
  const rand = seededRandom(seed);
  const words = ['the', 'loop', 'guard', 'counts', 'calls', 'per', 'tag', 'and', 'their', 'spend', 'tool_use', 'result', '{"path":"src/index.ts"}'];
  const messages: { role: string; content: string }[] = [];
  let length = 100;
  while (length < size) {
    const turn: string[] = [];
    for (let i = 0; i < 400; i++) turn.push(words[Math.floor(rand() * words.length)]!);
    const content = turn.join(' ');
    messages.push({ role: messages.length % 2 === 0 ? 'user' : 'assistant', content });
    length += content.length + 40;
  }
  return Buffer.from(JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 4096, messages }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const guard = createProxyGuard({ settings: () => ({ ...DEFAULT_GUARD_SETTINGS, autoPauseTags: ['*'] }), now: Date.now, alarm: () => {} });
const record = (tag: string): NewUsageRecord => ({ time: Date.now(), tag, status: 'ok', billing: 'api', costNano: 1_000_000 }) as NewUsageRecord;

console.log(`loop guard, per call (admit + observe), ${TAGS} tags in turn; medians of 9 rounds; target ≤ ${TARGET_US} µs`);
console.log('body        guard      JSON.parse (baseline)   target');
let met = true;
for (const size of SIZES) {
  // Distinct bodies (an agent's context grows): a few of each size, so no call is a repeat.
  const bodies = Array.from({ length: 8 }, (_, i) => body(size + i * 97, size + i));
  const calls = Math.max(20, Math.min(2_000, Math.floor(200_000_000 / size)));
  const guardRounds: number[] = [];
  const parseRounds: number[] = [];
  for (let round = 0; round < 9; round++) {
    let t = performance.now();
    for (let i = 0; i < calls; i++) {
      const tag = `tag-${i % TAGS}`;
      const b = bodies[i % bodies.length]!;
      // A different path per call keeps every request distinct, as real traffic is.
      guard.admit({ tag, model: 'claude-sonnet-4-5', path: `/v1/messages?n=${round}-${i}`, body: b });
      guard.observe(record(tag));
    }
    guardRounds.push(((performance.now() - t) * 1000) / calls);
    t = performance.now();
    for (let i = 0; i < Math.min(calls, 200); i++) JSON.parse(bodies[i % bodies.length]!.toString('utf8'));
    parseRounds.push(((performance.now() - t) * 1000) / Math.min(calls, 200));
  }
  const g = median(guardRounds);
  const p = median(parseRounds);
  if (g > TARGET_US) met = false;
  const kb = size >= 1024 * 1024 ? `${size / 1024 / 1024} MB` : `${size / 1024} KB`;
  console.log(`${kb.padEnd(10)}  ${`${g.toFixed(1)} µs`.padEnd(9)}  ${`${p.toFixed(1)} µs`.padEnd(22)}  ${g <= TARGET_US ? 'met' : 'NOT met'}`);
}
console.log(met ? 'target met at every size' : 'target not met at some size (a loaded machine doubles these figures; rerun alone)');
