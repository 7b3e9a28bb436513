export { advisorReport } from './advisor-report.js';
export { dismissFinding, restoreFinding } from './dismissals-repo.js';
