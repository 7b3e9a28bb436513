export { findSavings, advisorWindow } from './find-savings.js';
export { advisorFacts } from './advisor-facts.js';
export { summarizeFindings } from './summarize.js';
export type { AdvisorCall } from './advisor-input.js';
export { ADVISOR_DAYS } from './advisor-rules.js';
