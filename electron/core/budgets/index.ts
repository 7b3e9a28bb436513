/** Budgets in the core: pacing from the ledger, alerts, the cap lift, saved plans and re-pricing. */
export { budgetStatuses, pacingInputFor } from './budget-status.js';
export { insertAlert, listAlerts, latestAlert } from './alerts-repo.js';
export { raiseDueAlerts } from './raise-alerts.js';
export { capLiftedUntil, liftCap, restoreCap } from './cap-lift-repo.js';
export { hardCapRefusing } from './hard-cap-status.js';
export { listPlans, getPlan, savePlan, removePlan } from './plans-repo.js';
export { repriceUsage } from './reprice-usage.js';
export { planVsActual } from './plan-vs-actual.js';
export { overallPeriod } from './overall-period.js';
