/** "just now", "4 min ago", "in 3 h", "2 days ago": coarse on purpose, for status lines. */
export function formatRelative(ms: number, now: number): string {
  const delta = ms - now;
  const abs = Math.abs(delta);
  if (abs < 45_000) return delta > 0 ? 'in a moment' : 'just now';
  const [value, unit] =
    abs < 3_600_000 ? [Math.round(abs / 60_000), 'min'] : abs < 86_400_000 ? [Math.round(abs / 3_600_000), 'h'] : [Math.round(abs / 86_400_000), 'day'];
  const text = unit === 'day' ? `${value} day${value === 1 ? '' : 's'}` : `${value} ${unit}`;
  return delta > 0 ? `in ${text}` : `${text} ago`;
}
