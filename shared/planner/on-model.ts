import type { WorkloadRow } from '../api/contract-budgets.js';

/**
 * The same workloads on another model. Kept apart from scenario.ts so the renderer can use it
 * without bundling the price data.
 */
export function onModel(rows: readonly WorkloadRow[], provider: string, model: string): WorkloadRow[] {
  return rows.map((row) => ({ ...row, provider, model }));
}
