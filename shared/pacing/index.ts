/** Budget pacing, pure (every function takes `now`): see ./pacing.ts for the definitions. */
export { computePacing, AHEAD_TOLERANCE, HISTORY_DAYS, type DaySpend, type PacingInput } from './pacing.js';
export { pacingPoints } from './series.js';
export { periodElapsed } from './elapsed.js';
