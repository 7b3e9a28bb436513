/** Provider-reported cost beside the proxy's: the budget's spend and the per-day reconciliation. */
export { reconciledSpendNano } from './reconciled-spend.js';
export { reconciliationRows, defaultReconcileDays } from './reconciliation-rows.js';
export { costBuckets } from './cost-buckets.js';
export { settleMs } from './settle.js';
