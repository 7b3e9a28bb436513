/** Subscription versus API (issue 5): pure functions over usage sums, periods and `now`. */
export { planPeriodBreakEven, periodStartingIn, isActiveIn, type CoveredDay } from './plan-period.js';
export { planOptions, type ProviderSpend } from './plan-options.js';
export { callsToBreakEven, volumeBreakEven } from './volume.js';
export { assembleReport } from './report.js';
