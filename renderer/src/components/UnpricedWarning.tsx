import { formatCountOf } from '../../../shared/format.js';

export function UnpricedWarning({ count, compact = false }: { count: number; compact?: boolean }) {
  if (count === 0) return null;
  const calls = formatCountOf(count, 'call');
  return (
    <p className="notice notice-warn small" data-testid="unpriced-warning">
      {compact
        ? `${calls} this month without a known price, counted at a conservative estimate.`
        : `${calls} this month had no known price; counted at a conservative estimate. Add a price override in Settings.`}
    </p>
  );
}
