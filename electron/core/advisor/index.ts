export { advisorReport, withDismissals } from './advisor-report.js';
export { dismissedFindings, dismissFinding, restoreFinding } from './dismissals-repo.js';
