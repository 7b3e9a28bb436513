/** A spent-of-limit bar; past the limit it fills and turns red. */
export function Meter({ value, max, thin = false }: { value: number; max: number; thin?: boolean }) {
  const ratio = max > 0 ? value / max : value > 0 ? 1 : 0;
  const pct = Math.min(100, Math.max(0, ratio * 100));
  const level = ratio >= 1 ? 'over' : ratio >= 0.8 ? 'near' : 'ok';
  return (
    <div className={`meter meter-${level}${thin ? ' meter-thin' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className="meter-fill" style={{ width: `${pct}%` }} />
    </div>
  );
}
