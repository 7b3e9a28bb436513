export { findSavings, advisorWindow } from './find-savings.js';
export { advisorFacts } from './advisor-facts.js';
export { summarizeFindings } from './summarize.js';
export type { AdvisorCall, AdvisorFacts, AdvisorInput, AdvisorProviderFacts } from './advisor-input.js';
export { ADVISOR_DAYS, MIN_MONTHLY_SAVING_NANO } from './advisor-rules.js';
