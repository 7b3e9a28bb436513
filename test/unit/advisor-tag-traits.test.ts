import { describe, expect, it } from 'vitest';
import { tagTraits } from '../../shared/advisor/call-groups.js';
import type { AdvisorCall } from '../../shared/advisor/index.js';

const base: Omit<AdvisorCall, 'id' | 'time' | 'tag' | 'stream'> = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  billing: 'api',
  status: 'ok',
  inputTokens: 1,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
  outputTokens: 1,
  reasoningTokens: 0,
  webSearchRequests: 0,
  costNano: 1,
  priced: true,
  errorMessage: null,
  serviceTier: null,
  speed: null,
  inferenceGeo: null,
};
// Tuesday 3 November 2026, 02:00 UTC: night in London, 11:00 in Tokyo.
const NIGHT_UTC = Date.UTC(2026, 10, 3, 2);
const calls = (tag: string | null, n: number, stream = false): AdvisorCall[] => Array.from({ length: n }, (_, i) => ({ ...base, id: i, tag, stream, time: NIGHT_UTC + i * 60_000 }));

describe('tagTraits: who waits on a tag', () => {
  it('reads off-hours in the user zone', () => {
    expect(tagTraits(calls('job', 10), 'Europe/London').get('job')).toMatchObject({ calls: 10, offHours: 10, interactive: false });
    expect(tagTraits(calls('job', 10), 'Asia/Tokyo').get('job')).toMatchObject({ offHours: 0, interactive: true });
  });
  it('counts weekends as off-hours', () => {
    const saturdayNoon = calls('job', 3).map((c) => ({ ...c, time: Date.UTC(2026, 10, 7, 12) }));
    expect(tagTraits(saturdayNoon, 'UTC').get('job')?.interactive).toBe(false);
  });
  it('a single streamed call, or no tag at all, means someone may be waiting', () => {
    expect(tagTraits([...calls('job', 10), ...calls('job', 1, true)], 'UTC').get('job')?.interactive).toBe(true);
    expect(tagTraits(calls(null, 10), 'UTC').get(null)?.interactive).toBe(true);
  });
});
