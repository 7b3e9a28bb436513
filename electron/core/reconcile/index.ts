/** Provider-reported cost beside the proxy's: the budget's spend and the per-day reconciliation. */
export { reconciledSpendNano, type SpendQuery } from './reconciled-spend.js';
export { reconciliationRows, defaultReconcileDays, MAX_RECONCILE_DAYS, type ReconcileQuery } from './reconciliation-rows.js';
export { costBuckets, type CostBucket } from './cost-buckets.js';
export { settleMs, REPORT_SETTLE_MS } from './settle.js';
