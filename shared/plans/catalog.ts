/**
 * The subscription plans Tokentally knows, as dated, sourced data: list prices for monthly billing
 * (USD, before tax), the usage windows each plan has, and the monthly credits some plans now carry.
 * Users who pay otherwise (annual billing, taxes, another currency) set their own price on the
 * subscription; a plan's name, price, credits and windows can be corrected in Settings (planEdits:
 * shared/plans/plan-edits.ts); a plan not listed here is a custom plan.
 *
 * Coverage: a Claude plan covers Anthropic models (Claude apps, Claude Code), a ChatGPT plan
 * OpenAI models (ChatGPT, Codex). Neither covers calls made with an API key: those are billed
 * per token whatever plan the user holds.
 *
 * Checked 2026-12-07 with the search tool; the newest sources found date from 2026-11 (nothing
 * from December 2026 itself). What changed during 2026, as found:
 * - Anthropic renamed its Max tiers in October 2026: Max 20× is now "Ultra" ($200: ten times Pro's
 *   weekly use, no 5-hour limit once the account is verified) and Max 5× is now "Max" ($100)
 *   (FlorianBruniaux/claude-code-ultimate-guide v3.45.0 release notes, 2026-10-31; wmpeng/codingplan
 *   wiki, 2026-11-18). The ids keep their old names so stored subscriptions stay valid.
 * - Since 2026-10-07 Max, Ultra and Team include monthly Claude API credits: Max $100, Ultra $200,
 *   Team $20 a standard seat and $100 a premium seat, pooled up to $500 a month; they cover the
 *   API, Managed Agents and the Agent SDK, not Claude Code (platform.claude.com/docs/en/about-claude/
 *   api-credits-for-subscribers, fetched 2026-11). Before that, from 2026-06-15, programmatic use
 *   (Agent SDK, claude -p) drew on a separate credit of $20 (Pro) / $100 / $200 (genesisweb.org,
 *   digitalapplied.com, 2026-05/06); the October page no longer lists Pro, so Pro's is given as
 *   unconfirmed.
 * - Team seat prices: $30 standard / $150 premium a month billed monthly (support.claude.com
 *   9267289, undated); a third-party catalog of 2026-10-18 (api-evangelist/infere) says $25 /
 *   $125: not confirmed by Anthropic, the support page's figures are kept.
 * - OpenAI added ChatGPT Go ($8, January 2026) and a $100 Pro tier ("Pro 5×") beside the $200 one
 *   (nesyona.com verified 2026-05-25; theverdict.ai/providers/codex snapshot 2026-06-19;
 *   proxyllm.ai). Codex usage is metered in 5-hour and weekly windows on every plan, with credits
 *   bought on top (help.openai.com rate card, 2026-04-02), none included.
 */
import type { PlanId, PlanInfo } from '../api/contract-subscriptions.js';
import { NANO_PER_USD } from '../money.js';

const usd = (dollars: number) => dollars * NANO_PER_USD;

/** When the catalog below was last checked against its sources. */
const PLAN_CATALOG_AS_OF = '2026-12-07';

// Where each figure was read (see the notes above for dates).
const CLAUDE_PRO = 'https://infere.com/pricing/ (catalog of 2026-10-18: Pro $20/mo, $17 yearly)';
const CLAUDE_CREDITS = 'https://platform.claude.com/docs/en/about-claude/api-credits-for-subscribers';
const CLAUDE_TEAM = 'https://support.claude.com/en/articles/9267289';
const CHATGPT_PLANS = 'https://nesyona.com/articles/is-chatgpt-plus-worth-it (verified 2026-05-25)';
const CODEX_PLANS = 'https://theverdict.ai/providers/codex (snapshot 2026-06-19)';

export const PLAN_CATALOG: readonly PlanInfo[] = Object.freeze([
  {
    id: 'claude-pro',
    name: 'Claude Pro',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(20),
    perSeat: false,
    note: '$17/month when billed yearly',
    windows: ['5h', '7d'],
    monthlyCreditsNano: usd(20),
    creditsNote: 'Agent SDK / claude -p credit from 2026-06-15, as reported; not on the October 2026 credits page',
    asOf: PLAN_CATALOG_AS_OF,
    source: CLAUDE_PRO,
  },
  {
    id: 'claude-max-5x',
    name: 'Claude Max',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(100),
    perSeat: false,
    note: 'formerly Max 5×: 5× the usage of Pro',
    windows: ['5h', '7d', '7d_sonnet'],
    monthlyCreditsNano: usd(100),
    creditsNote: 'Claude API credits (API, Managed Agents, Agent SDK; not Claude Code), since 2026-10-07',
    asOf: PLAN_CATALOG_AS_OF,
    source: CLAUDE_CREDITS,
  },
  {
    id: 'claude-max-20x',
    name: 'Claude Ultra',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(200),
    perSeat: false,
    note: 'formerly Max 20×: 10× Pro’s weekly usage, no 5-hour limit once the account is verified',
    windows: ['7d', '7d_sonnet'],
    monthlyCreditsNano: usd(200),
    creditsNote: 'Claude API credits (API, Managed Agents, Agent SDK; not Claude Code), since 2026-10-07',
    asOf: PLAN_CATALOG_AS_OF,
    source: CLAUDE_CREDITS,
  },
  {
    id: 'claude-team-standard',
    name: 'Claude Team (standard seat)',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(30),
    perSeat: true,
    note: 'per seat; $25/seat when billed yearly; minimum 5 seats',
    windows: ['5h', '7d'],
    monthlyCreditsNano: usd(20),
    creditsNote: 'Claude API credits per seat, pooled across the team up to $500 a month',
    asOf: PLAN_CATALOG_AS_OF,
    source: CLAUDE_TEAM,
  },
  {
    id: 'claude-team-premium',
    name: 'Claude Team (premium seat)',
    vendor: 'Anthropic',
    provider: 'anthropic',
    monthlyNano: usd(150),
    perSeat: true,
    note: 'per seat, includes Claude Code',
    windows: ['5h', '7d'],
    monthlyCreditsNano: usd(100),
    creditsNote: 'Claude API credits per seat, pooled across the team up to $500 a month',
    asOf: PLAN_CATALOG_AS_OF,
    source: CLAUDE_TEAM,
  },
  {
    id: 'chatgpt-go',
    name: 'ChatGPT Go',
    vendor: 'OpenAI',
    provider: 'openai',
    monthlyNano: usd(8),
    perSeat: false,
    note: 'limited Codex use',
    windows: ['5h', '7d'],
    monthlyCreditsNano: null,
    creditsNote: null,
    asOf: PLAN_CATALOG_AS_OF,
    source: CHATGPT_PLANS,
  },
  {
    id: 'chatgpt-plus',
    name: 'ChatGPT Plus',
    vendor: 'OpenAI',
    provider: 'openai',
    monthlyNano: usd(20),
    perSeat: false,
    note: 'includes Codex; credits can be bought past its limits',
    windows: ['5h', '7d'],
    monthlyCreditsNano: null,
    creditsNote: null,
    asOf: PLAN_CATALOG_AS_OF,
    source: CHATGPT_PLANS,
  },
  {
    id: 'chatgpt-pro-5x',
    name: 'ChatGPT Pro 5×',
    vendor: 'OpenAI',
    provider: 'openai',
    monthlyNano: usd(100),
    perSeat: false,
    note: 'includes Codex, about 5× Plus’s limits',
    windows: ['5h', '7d'],
    monthlyCreditsNano: null,
    creditsNote: null,
    asOf: PLAN_CATALOG_AS_OF,
    source: CODEX_PLANS,
  },
  {
    id: 'chatgpt-pro',
    name: 'ChatGPT Pro',
    vendor: 'OpenAI',
    provider: 'openai',
    monthlyNano: usd(200),
    perSeat: false,
    note: 'includes Codex, about 20× Plus’s limits',
    windows: ['5h', '7d'],
    monthlyCreditsNano: null,
    creditsNote: null,
    asOf: PLAN_CATALOG_AS_OF,
    source: CODEX_PLANS,
  },
] satisfies PlanInfo[]);

const BY_ID = new Map<string, PlanInfo>(PLAN_CATALOG.map((p) => [p.id, p]));

export function findPlan(id: string): PlanInfo | undefined {
  return BY_ID.get(id);
}

export function isPlanId(id: unknown): id is PlanId {
  return typeof id === 'string' && BY_ID.has(id);
}
