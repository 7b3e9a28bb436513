/** The readable table `tokentally prices MODEL ...` prints: one line per token kind, then the total. */
import type { CostBreakdown } from '../api/contract.js';
import { formatCount, formatUsd, usdColumn } from '../format.js';
import { NANO_PER_USD } from '../money.js';
import type { TokenCounts } from '../usage.js';
import type { AppliedRates } from './model-rates.js';

interface Row {
  label: string;
  units: number;
  unitLabel: string;
  /** USD per block (million tokens / thousand requests) actually charged, or null when unknown. */
  rate: number | null;
  rateLabel: string;
  costNano: number;
}

function rows(b: CostBreakdown, t: TokenCounts, rates: AppliedRates | undefined): Row[] {
  // Batch and flex halve token rates only; tool fees are never discounted (price-rules.ts, step 8).
  const discount = (b.halvedTokens ?? b.batch) ? 0.5 : 1;
  const tokenRow = (label: string, units: number, costNano: number, rate: number | undefined): Row => ({
    label,
    units,
    unitLabel: '',
    rate: rate !== undefined ? rate * discount : units > 0 ? (costNano / units) * 1e6 / NANO_PER_USD : null,
    rateLabel: '',
    costNano,
  });
  const list: Row[] = [
    tokenRow('Input (uncached)', t.inputTokens, b.inputNano, rates?.input),
    tokenRow('Cache write 5m', t.cacheWrite5mTokens, b.cacheWrite5mNano, rates?.cacheWrite5m),
    tokenRow('Cache write 1h', t.cacheWrite1hTokens, b.cacheWrite1hNano, rates?.cacheWrite1h),
    tokenRow('Cache read', t.cacheReadTokens, b.cacheReadNano, rates?.cacheRead),
    tokenRow('Output', t.outputTokens, b.outputNano, rates?.output),
    tokenRow('Reasoning', t.reasoningTokens, b.reasoningNano, rates?.reasoning),
  ];
  if (t.webSearchRequests > 0 || b.webSearchNano > 0) {
    const perThousand = rates
      ? rates.webSearchPerThousand
      : t.webSearchRequests > 0
        ? (b.webSearchNano / t.webSearchRequests) * 1000 / NANO_PER_USD
        : null;
    list.push({
      label: 'Web search',
      units: t.webSearchRequests,
      unitLabel: ' req',
      rate: perThousand,
      rateLabel: '/1K',
      costNano: b.webSearchNano,
    });
  }
  return list;
}

function rateText(rate: number | null, suffix: string): string {
  if (rate === null) return '—';
  return formatUsd(Math.round(rate * NANO_PER_USD)) + suffix;
}

function table(lines: string[][]): string[] {
  const widths = lines[0]!.map((_, col) => Math.max(...lines.map((l) => (l[col] ?? '').length)));
  return lines.map((l) =>
    l
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('   ')
      .trimEnd(),
  );
}

/**
 * A multi-line table of a cost breakdown. Pass the quote's `rates` (quoteUsage) to show every
 * kind's rate; without them rates are derived from cost ÷ tokens for the kinds that were used.
 */
export function formatBreakdown(b: CostBreakdown, tokens: TokenCounts, rates?: AppliedRates): string {
  const head = [`${b.model}${b.provider ? ` (${b.provider})` : ''}`];
  if (b.matchedModel && b.matchedModel !== b.model) head.push(`matched ${b.matchedModel}`);
  const out = [head.join(' — '), ''];

  const body = [['', 'Tokens', '$/MTok', 'Cost']];
  const lines = rows(b, tokens, rates);
  // The cost column follows the one money rule of tables (same decimals, never $0.0000 for a cost).
  const cost = usdColumn([...lines.map((r) => r.costNano), b.totalNano]);
  for (const r of lines) {
    body.push([
      r.label,
      formatCount(r.units) + r.unitLabel,
      rateText(r.rate, r.rateLabel),
      cost(r.costNano),
    ]);
  }
  body.push(['Total', '', '', cost(b.totalNano)]);
  out.push(...table(body), '');

  if (b.batch) out.push('Batch: 50% off every token line (rates shown after the discount); web search is not discounted.');
  else if (b.halvedTokens) out.push('Flex: billed at Batch rates, 50% off every token line (rates shown after the discount).');
  const served = [b.serviceTier ? `service tier ${b.serviceTier}` : '', b.speed ? `speed ${b.speed}` : '', b.inferenceGeo ? `inference geo ${b.inferenceGeo}` : ''].filter(Boolean);
  if (served.length > 0) out.push(`Served: ${served.join(', ')}.`);
  for (const note of b.adjustments ?? []) out.push(`${note}.`);
  if (b.longContext) out.push('Long context: total input is above the tier threshold; long-context rates apply to the whole request.');
  if (b.costSource === 'provider') out.push('Cost reported by the provider; lines split in proportion to list prices.');
  if (b.costSource === 'override') out.push('Priced with your price override for this model.');
  if (!b.priced || b.costSource === 'fallback') {
    out.push(
      `UNPRICED: "${b.model}" is not in the price data. The total is a conservative estimate at the highest ` +
        `rates of ${b.provider ? `${b.provider}'s` : 'all'} models; add a price override to price it exactly.`,
    );
  }
  out.push(`Price data: ${b.priceVersion}`);
  return out.join('\n');
}
