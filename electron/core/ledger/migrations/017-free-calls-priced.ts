import type { Migration } from './migration.js';

/**
 * A call that failed or that the hard cap refused cost nothing: its price is known (zero), so it is
 * priced. The proxy stored such calls to a model the price list does not know as unpriced
 * (`priced = 0`), and the app showed a refused call as "unpriced ≤ est. $0.0000" and counted it
 * among the period's unpriced calls. The proxy now stores them priced (call-record.ts); this marks
 * the ones stored before. The rollups' unpriced counts follow through their update triggers, and a
 * published row goes out again as a correction (the sync outbox's trigger), as any change does.
 * The status index finds the few rows concerned without reading the others.
 */
export const migration017: Migration = {
  version: 17,
  name: 'free-calls-priced',
  sql: `
UPDATE usage SET priced = 1 WHERE status IN ('error', 'blocked') AND priced = 0 AND cost_nano = 0;
`,
};
