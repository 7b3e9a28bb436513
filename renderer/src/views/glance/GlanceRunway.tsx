import type { Summary } from '../../../../shared/api/contract.js';
import type { RunwayItem } from '../../../../shared/api/contract-windows.js';
import { formatAge } from '../../../../shared/windows/format-window.js';
import { runwayDetail, runwayFigure } from '../../../../shared/windows/runway-words.js';
import { Meter } from '../../components/Meter';

/**
 * What runs out first: the plans' usage windows (5-hour, weekly) and the dollar budgets in one
 * list, tightest first (shared/windows/runway.ts). Shown when some plan window is known; each
 * window says how old its figures are, and a stale one says so instead of a pace.
 */
export function GlanceRunway({ summary: s }: { summary: Summary }) {
  const runway = s.runway ?? [];
  if (!runway.some((r) => r.kind === 'window')) return null;
  return (
    <section className="glance-runway" data-testid="runway">
      <span className="label">Runs out first</span>
      <ol className="runway-list">
        {runway.map((item) => (
          <RunwayRow key={item.key} item={item} now={s.now} tz={s.tz} />
        ))}
      </ol>
    </section>
  );
}

function tone(item: RunwayItem): string {
  if (item.stale) return 'runway-stale';
  if (item.blocked) return 'runway-over';
  return item.runsOutBeforeReset ? 'runway-warn' : 'runway-ok';
}

function RunwayRow({ item, now, tz }: { item: RunwayItem; now: number; tz: string }) {
  const used = item.used ?? 0;
  return (
    <li className={`runway-item ${tone(item)}`} data-testid="runway-item" data-key={item.key}>
      <div className="runway-head">
        <span className="runway-label" data-testid="runway-label">
          {item.label}
        </span>
        <span className="runway-figure num" data-testid="runway-figure">
          {runwayFigure(item)}
        </span>
      </div>
      <Meter value={item.blocked ? 1 : used} max={1} thin />
      <div className="runway-detail small">
        <span data-testid="runway-detail">{runwayDetail(item, now, tz)}</span>
        {item.kind === 'window' && (
          <span className="runway-age muted" data-testid="runway-age" title="When these figures were read">
            {formatAge(item.ageMs)}
          </span>
        )}
      </div>
    </li>
  );
}
