import type { SavingsFinding } from '../api/contract-advisor.js';
import type { AdvisorFacts } from './advisor-input.js';
import type { CallGroup, TagTraits } from './call-groups.js';

/** What every finding rule is given besides its group of calls. */
export interface FindingContext {
  facts: AdvisorFacts;
  /** The group's tag, as all its calls (every model) show it. */
  traits: TagTraits;
}

/** One kind of waste: a finding for the group's calls, or null when there is none worth showing. */
export type FindingRule = (group: CallGroup, ctx: FindingContext) => SavingsFinding | null;
