/**
 * A spent-of-limit bar; past the limit it fills and turns red. `mark` (same unit as `value`)
 * draws a tick where spend would be on the ideal line.
 */
export function Meter({ value, max, thin = false, mark }: { value: number; max: number; thin?: boolean; mark?: number }) {
  const ratio = max > 0 ? value / max : value > 0 ? 1 : 0;
  const pct = Math.min(100, Math.max(0, ratio * 100));
  const level = ratio >= 1 ? 'over' : ratio >= 0.8 ? 'near' : 'ok';
  const markPct = mark !== undefined && max > 0 ? Math.min(100, Math.max(0, (mark / max) * 100)) : null;
  return (
    <div className={`meter meter-${level}${thin ? ' meter-thin' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className="meter-fill" style={{ width: `${pct}%` }} />
      {markPct !== null && <div className="meter-mark" style={{ left: `${markPct}%` }} title="Ideal line: the budget spread evenly over the period" />}
    </div>
  );
}
