/**
 * What `tokentally mcp` offers agents (Claude Code, Codex…): read-only tools, each answered by
 * the app's API (the same methods the dashboard calls), in dollars rather than nano-dollars and
 * instants as ISO 8601, the way the CLI's --json output says them.
 */
import { z } from 'zod';
import type { CostBreakdown, ModelUsage, TagUsage, TokentallyApi } from '../../../shared/api/contract.js';
import { nanoToUsd } from '../../../shared/money.js';
import { dayOf } from '../../../shared/time/zoned.js';
import { advisorReportJson } from '../cli/commands/advise.js';
import { budgetStatusJson, checkLevel } from '../cli/commands/budget-check.js';

export interface McpTool<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  title: string;
  description: string;
  input: Shape;
  answer(api: TokentallyApi, args: z.infer<z.ZodObject<Shape>>): Promise<unknown>;
}

function tool<Shape extends z.ZodRawShape>(t: McpTool<Shape>): McpTool<Shape> {
  return t;
}

/** Whole tokens, as the planner and `tokentally prices` take them. */
const tokens = (what: string) => z.number().int().min(0).max(100_000_000).optional().describe(what);

export const MCP_TOOLS = [
  tool({
    name: 'budget_status',
    title: 'Budget status and pace',
    description:
      "This budget period's API spend (subscription use is not spend), today's spend against today's allowance, " +
      'the overall budget with its pace and projection, and every budget (overall, per provider, tag or API key) as `tokentally budget check --json` gives it.',
    input: {},
    async answer(api) {
      const [summary, budgets] = await Promise.all([api.getSummary(), api.budgetStatuses()]);
      const p = summary.pacing;
      return {
        now: new Date(summary.now).toISOString(),
        tz: summary.tz,
        period: summary.period,
        spentUsd: nanoToUsd(summary.spentNano),
        todaySpentUsd: nanoToUsd(summary.todaySpentNano),
        budgetUsd: summary.budgetNano === null ? null : nanoToUsd(summary.budgetNano),
        remainingUsd: summary.remainingNano === null ? null : nanoToUsd(summary.remainingNano),
        todayAllowanceUsd: summary.todayAllowanceNano === null ? null : nanoToUsd(summary.todayAllowanceNano),
        subscriptionAtApiPricesUsd: nanoToUsd(summary.subscriptionCostNano),
        requestsToday: summary.requestsToday,
        unpricedThisPeriod: summary.unpricedThisPeriod,
        pace: p && {
          state: p.state,
          paceDelta: p.paceDelta,
          projectedUsd: nanoToUsd(p.projectedLinearNano),
          projectedRobustUsd: nanoToUsd(p.projectedRobustNano),
          runsOutOn: p.runsOutOn,
          burn24hUsd: nanoToUsd(p.burn24hNano),
        },
        hardCapRefusing: summary.capRefusing === true,
        capLiftedUntil: summary.capLiftedUntil === null ? null : new Date(summary.capLiftedUntil).toISOString(),
        budgets: budgets.map((b) => budgetStatusJson(b, checkLevel(b))),
      };
    },
  }),
  tool({
    name: 'plan_windows',
    title: 'Plan windows (5-hour, weekly)',
    description:
      "The usage windows of the subscription plans seen (Claude's 5-hour and weekly limits, ChatGPT's for Codex): used (0..1), reset, pace, " +
      'whether it runs out before it resets, staleness; then the runway: budgets and windows together, tightest first. As `tokentally windows --json`.',
    input: {},
    async answer(api) {
      return api.listWindows();
    },
  }),
  tool({
    name: 'spend',
    title: "Today's and this period's spend by model or tag",
    description:
      "Today's and this budget period's usage grouped by model (with its provider) or by tag (null: untagged calls): calls, " +
      'API spend in dollars, subscription use at API prices (not spend), calls without a price. Most expensive first.',
    input: { by: z.enum(['model', 'tag']).default('model').describe('group by model or by tag') },
    async answer(api, args) {
      const summary = await api.getSummary();
      const today = dayOf(summary.now, summary.tz);
      const query = (since: string) => ({ since, until: summary.period.end, tz: summary.tz });
      const rows = async (since: string) =>
        args.by === 'tag' ? (await api.usageByTag(query(since))).map(usageJson) : (await api.usageByModel(query(since))).map(usageJson);
      return {
        tz: summary.tz,
        by: args.by,
        today: { day: today, rows: await rows(today) },
        period: { start: summary.period.start, end: summary.period.end, rows: await rows(summary.period.start) },
      };
    },
  }),
  tool({
    name: 'price_call',
    title: 'Price a planned call',
    description:
      'What one call would cost with these tokens, priced as the ledger prices calls (the bundled price data with the user\'s overrides); ' +
      'input is uncached input tokens. An unknown model comes back unpriced (priced: false), never as $0.',
    input: {
      model: z.string().min(1).describe('model id, e.g. claude-sonnet-4-5 or gpt-5'),
      provider: z.string().optional().describe('provider id (anthropic, openai, openrouter…); helps when a model id is ambiguous'),
      inputTokens: tokens('uncached input tokens'),
      outputTokens: tokens('output tokens (reasoning included)'),
      cacheReadTokens: tokens('input tokens read from the prompt cache'),
      cacheWrite5mTokens: tokens('input tokens written to the 5-minute cache'),
      cacheWrite1hTokens: tokens('input tokens written to the 1-hour cache'),
      batch: z.boolean().optional().describe('sent through a Batch API (half price where the provider offers it)'),
    },
    async answer(api, { model, provider, batch, ...counts }) {
      const quote = await api.quotePrice({ model, ...(provider ? { provider } : {}), tokens: counts, ...(batch ? { batch } : {}) });
      return breakdownJson(quote);
    },
  }),
  tool({
    name: 'savings_findings',
    title: "The savings advisor's findings",
    description:
      'What to change to spend less, from the last 30 days of calls: prompt caching, Batch or flex for jobs nobody waits on, a smaller model, ' +
      '1-hour cache writes, billed cut calls, fast mode where nobody waits. Each with a monthly figure in dollars, its formula and the calls behind it. As `tokentally advise --json`.',
    input: { includeDismissed: z.boolean().optional().describe('also the findings the user dismissed') },
    async answer(api, args) {
      return advisorReportJson(await api.listFindings({ includeDismissed: args.includeDismissed === true }));
    },
  }),
] as const;

function usageJson(u: ModelUsage | TagUsage) {
  const { spendNano, subscriptionNano, ...rest } = u;
  return { ...rest, spendUsd: nanoToUsd(spendNano), subscriptionAtApiPricesUsd: nanoToUsd(subscriptionNano) };
}

/** Every *Nano field in dollars (*Usd). */
function breakdownJson(b: CostBreakdown) {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => (k.endsWith('Nano') && typeof v === 'number' ? [`${k.slice(0, -4)}Usd`, nanoToUsd(v)] : [k, v])));
}
