/**
 * Folding a report's results into provider_usage rows: one row per bucket, kind and model. A
 * provider may split one model over several results (tiers, context windows, line items), so
 * rows are summed here, money in atto-units, and rounded to nano once per row.
 */
import { attoToNano } from './decimal-amount.js';
import type { ReportBucket, ReportRow } from './poll-types.js';
import type { CostLine } from '../reconcile/cost-lines.js';

export type UsageFigures = Pick<ReportRow, 'inputTokens' | 'cacheWrite5mTokens' | 'cacheWrite1hTokens' | 'cacheReadTokens' | 'outputTokens' | 'requests'>;

export class ReportRows {
  private readonly buckets = new Map<string, ReportBucket>();
  private readonly lines = new Map<string, { line: Omit<CostLine, 'costNano'>; atto: bigint }>();
  private readonly usage = new Map<string, ReportRow>();
  private readonly cost = new Map<string, { bucket: ReportBucket; model: string; atto: bigint }>();

  /** Mark a bucket as read (even if it turns out empty). */
  bucket(kind: ReportRow['kind'], bucketStart: number, bucketEnd: number): ReportBucket {
    const id = `${kind}\u0000${bucketStart}`;
    let b = this.buckets.get(id);
    if (!b) {
      b = { kind, bucketStart, bucketEnd };
      this.buckets.set(id, b);
    }
    return b;
  }

  addUsage(bucketStart: number, bucketEnd: number, model: string, f: UsageFigures): void {
    const b = this.bucket('usage', bucketStart, bucketEnd);
    const id = `${b.bucketStart}\u0000${model}`;
    const row = this.usage.get(id);
    if (!row) {
      this.usage.set(id, { kind: 'usage', bucketStart: b.bucketStart, bucketEnd: b.bucketEnd, model, ...f, costNano: null });
      return;
    }
    row.inputTokens += f.inputTokens;
    row.cacheWrite5mTokens += f.cacheWrite5mTokens;
    row.cacheWrite1hTokens += f.cacheWrite1hTokens;
    row.cacheReadTokens += f.cacheReadTokens;
    row.outputTokens += f.outputTokens;
    row.requests = row.requests === null || f.requests === null ? null : row.requests + f.requests;
  }

  addCost(bucketStart: number, bucketEnd: number, model: string, atto: bigint): void {
    const bucket = this.bucket('cost', bucketStart, bucketEnd);
    const id = `${bucketStart}\u0000${model}`;
    const seen = this.cost.get(id);
    if (seen) seen.atto += atto;
    else this.cost.set(id, { bucket, model, atto });
  }

  /** One line of a cost report broken down (summed with its like, rounded to nano once). */
  addCostLine(bucketStart: number, bucketEnd: number, line: { model: string; costType: string; contextWindow: string; tokenType: string }, atto: bigint): void {
    this.bucket('cost', bucketStart, bucketEnd);
    const id = [bucketStart, line.model, line.costType, line.contextWindow, line.tokenType].join('\u0000');
    const seen = this.lines.get(id);
    if (seen) seen.atto += atto;
    else this.lines.set(id, { line: { bucketStart, bucketEnd, ...line }, atto });
  }

  costLines(): CostLine[] {
    return [...this.lines.values()].map(({ line, atto }) => ({ ...line, costNano: attoToNano(atto) }));
  }

  /**
   * The rows. A cost bucket without results gets a $0 row under model '': "the provider reported
   * nothing spent" must stay distinguishable from "the provider has not reported".
   */
  result(): { buckets: ReportBucket[]; rows: ReportRow[] } {
    const rows: ReportRow[] = [...this.usage.values()];
    const costed = new Set<number>();
    for (const { bucket, model, atto } of this.cost.values()) {
      costed.add(bucket.bucketStart);
      rows.push(costRow(bucket, model, attoToNano(atto)));
    }
    for (const b of this.buckets.values()) {
      if (b.kind === 'cost' && !costed.has(b.bucketStart)) rows.push(costRow(b, '', 0));
    }
    return { buckets: [...this.buckets.values()], rows };
  }
}

function costRow(b: ReportBucket, model: string, costNano: number): ReportRow {
  return {
    kind: 'cost',
    bucketStart: b.bucketStart,
    bucketEnd: b.bucketEnd,
    model,
    inputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    outputTokens: 0,
    requests: null,
    costNano,
  };
}
