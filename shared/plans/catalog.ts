/**
 * The subscription plans Tokentally knows, at their list prices for monthly billing (USD, before
 * tax). Users who pay otherwise (annual billing, taxes, another currency) set their own price on
 * the subscription; a plan not listed here is a custom plan.
 *
 * Coverage: a Claude plan covers Anthropic models (Claude apps, Claude Code), a ChatGPT plan
 * OpenAI models (ChatGPT, Codex). Neither covers calls made with an API key: those are billed
 * per token whatever plan the user holds.
 */
import type { PlanId, PlanInfo } from '../api/contract-subscriptions.js';
import { NANO_PER_USD } from '../money.js';

const usd = (dollars: number) => dollars * NANO_PER_USD;

export const PLAN_CATALOG: readonly PlanInfo[] = Object.freeze([
  { id: 'claude-pro', name: 'Claude Pro', vendor: 'Anthropic', provider: 'anthropic', monthlyNano: usd(20), perSeat: false, note: '$17/month when billed yearly' },
  { id: 'claude-max-5x', name: 'Claude Max 5×', vendor: 'Anthropic', provider: 'anthropic', monthlyNano: usd(100), perSeat: false, note: '5× the usage of Pro' },
  { id: 'claude-max-20x', name: 'Claude Max 20×', vendor: 'Anthropic', provider: 'anthropic', monthlyNano: usd(200), perSeat: false, note: '20× the usage of Pro' },
  {
    id: 'claude-team-standard',
    name: 'Claude Team (standard seat)',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(30),
    perSeat: true,
    note: 'per seat; $25/seat when billed yearly; minimum 5 seats',
  },
  {
    id: 'claude-team-premium',
    name: 'Claude Team (premium seat)',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(150),
    perSeat: true,
    note: 'per seat, includes Claude Code',
  },
  { id: 'chatgpt-plus', name: 'ChatGPT Plus', vendor: 'OpenAI', provider: 'openai', monthlyNano: usd(20), perSeat: false, note: 'includes Codex' },
  { id: 'chatgpt-pro', name: 'ChatGPT Pro', vendor: 'OpenAI', provider: 'openai', monthlyNano: usd(200), perSeat: false, note: 'includes Codex' },
] satisfies PlanInfo[]);

const BY_ID = new Map<string, PlanInfo>(PLAN_CATALOG.map((p) => [p.id, p]));

export function findPlan(id: string): PlanInfo | undefined {
  return BY_ID.get(id);
}

export function isPlanId(id: unknown): id is PlanId {
  return typeof id === 'string' && BY_ID.has(id);
}
