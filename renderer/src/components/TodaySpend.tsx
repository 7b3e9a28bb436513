import type { Summary } from '../../../shared/api/contract.js';
import { formatUsd } from '../../../shared/format.js';
import { Meter } from './Meter';

/** Today's spend against today's share of what is left of the budget. */
export function TodaySpend({ summary: s, className }: { summary: Summary; className: string }) {
  const over = s.todayAllowanceNano !== null && s.todaySpentNano > s.todayAllowanceNano;
  return (
    <div className={className}>
      <div className="label">Today</div>
      <div className={`stat-figure num${over ? ' text-danger' : ''}`} data-testid="today-spend">
        {formatUsd(s.todaySpentNano)}
      </div>
      <div className="muted small">
        {s.todayAllowanceNano !== null ? (
          <>
            of{' '}
            <span className="num" data-testid="today-allowance">
              {formatUsd(s.todayAllowanceNano)}
            </span>{' '}
            allowance
          </>
        ) : (
          'no daily allowance'
        )}
      </div>
      {s.todayAllowanceNano !== null && <Meter value={s.todaySpentNano} max={s.todayAllowanceNano} thin />}
      {s.thisDevice && (
        // Sync (issue 17): today's figure is every machine's; this one's share of it.
        <div className="muted small" data-testid="this-device-today">
          this machine ({s.thisDevice.name}) <span className="num">{formatUsd(s.thisDevice.todaySpentNano)}</span> of{' '}
          <span className="num">{formatUsd(s.todaySpentNano)}</span> today
        </div>
      )}
    </div>
  );
}
