/** Budgets in the core: pacing from the ledger, alerts, the cap lift, saved plans and re-pricing. */
export { budgetStatuses, budgetStatusOf, pacingInputFor } from './budget-status.js';
export { spendPerDay, spendBetween, firstUsageDay, scopeFilter } from './spend-queries.js';
export { insertAlert, listAlerts, latestAlert, type NewAlert } from './alerts-repo.js';
export { raiseDueAlerts, type RaisedAlerts } from './raise-alerts.js';
export { createAlertMonitor, type AlertMonitor, type AlertMonitorOptions } from './alert-monitor.js';
export { capLiftedUntil, liftCap, restoreCap, CAP_LIFT_MS } from './cap-lift-repo.js';
export { hardCapRefusing, recentCallCosts } from './hard-cap-status.js';
export { listPlans, getPlan, savePlan, removePlan } from './plans-repo.js';
export { repriceUsage, MAX_REPRICE_DAYS, type RepriceQuery } from './reprice-usage.js';
export { planVsActual } from './plan-vs-actual.js';
export { overallPeriod, type OverallPeriod } from './overall-period.js';
