/** Budget pacing, pure (every function takes `now`): see ./pacing.ts for the definitions. */
export { computePacing, paceState, AHEAD_TOLERANCE, HISTORY_DAYS, type DaySpend, type PacingInput } from './pacing.js';
export { pacingPoints } from './series.js';
export { periodElapsed, type Elapsed } from './elapsed.js';
export { medianInt } from './median.js';
