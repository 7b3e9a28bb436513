export { advisorReport } from './advisor-report.js';
export { advisorCalls } from './advisor-calls.js';
export { dismissFinding, restoreFinding, dismissedFindings } from './dismissals-repo.js';
