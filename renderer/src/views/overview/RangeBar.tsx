import type { UsageGroupBy } from '../../../../shared/api/contract-groups.js';
import { RANGE_PRESETS, type DayRange, type RangePreset } from '../../../../shared/report/date-range.js';
import { useEffect } from 'react';
import { useSync } from '../../state/sync';
import { GROUP_CHOICES } from './group-words';

interface Props {
  preset: RangePreset;
  custom: Partial<DayRange>;
  groupBy: UsageGroupBy;
  onPreset(preset: RangePreset): void;
  onCustom(custom: Partial<DayRange>): void;
  onGroupBy(groupBy: UsageGroupBy): void;
}

/** Which days the Overview shows (this month, last month, the last 30 days, all time, or two days) and how it groups them. */
export function RangeBar({ preset, custom, groupBy, onPreset, onCustom, onGroupBy }: Props) {
  const bad = preset === 'custom' && custom.since && custom.until && custom.since > custom.until;
  const machines = useSync((s) => s.status)?.devices.length ?? 0;
  useEffect(() => void useSync.getState().load(), []);
  // By machine only once there is more than one (or while it is the grouping in force).
  const choices = GROUP_CHOICES.filter((c) => c.id !== 'device' || machines > 1 || groupBy === 'device');
  return (
    <div className="range-bar" data-testid="range-bar">
      <nav className="segmented segmented-inline" aria-label="Period">
        {RANGE_PRESETS.map((p) => (
          <button key={p.id} type="button" className={p.id === preset ? 'active' : undefined} aria-pressed={p.id === preset} onClick={() => onPreset(p.id)} data-range={p.id}>
            {p.label}
          </button>
        ))}
      </nav>
      {preset === 'custom' && (
        <div className="range-custom">
          <label className="field field-compact">
            <span className="field-label">From</span>
            <input type="date" name="rangeSince" value={custom.since ?? ''} onChange={(e) => onCustom({ ...custom, since: e.target.value || undefined })} className={bad ? 'invalid' : undefined} />
          </label>
          <label className="field field-compact">
            <span className="field-label">To</span>
            <input type="date" name="rangeUntil" value={custom.until ?? ''} onChange={(e) => onCustom({ ...custom, until: e.target.value || undefined })} className={bad ? 'invalid' : undefined} />
          </label>
          {bad && <span className="small text-danger">“From” is after “To”.</span>}
        </div>
      )}
      <label className="field field-compact range-group">
        <span className="field-label">Group by</span>
        <select name="groupBy" value={groupBy} onChange={(e) => onGroupBy(e.target.value as UsageGroupBy)}>
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
