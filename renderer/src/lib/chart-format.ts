/** Y-axis labels for dollar charts: "$0", "$0.50", "$12", "$1.2k". */
export function axisUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (usd >= 1000) return `$${(usd / 1000).toFixed(usd >= 10_000 ? 0 : 1)}k`;
  return usd >= 10 || Number.isInteger(usd) ? `$${usd.toFixed(0)}` : `$${usd.toFixed(2)}`;
}

/** Nano-dollars to float dollars for plotting only (labels format the nano figures). */
export function plotUsd(nano: number | null): number | null {
  return nano === null ? null : nano / 1e9;
}
