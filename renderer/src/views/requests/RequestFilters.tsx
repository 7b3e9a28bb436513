import { useEffect, useState } from 'react';
import { useSync } from '../../state/sync';
import { BILLING_MODES, USAGE_STATUSES, type BillingMode, type UsageStatus } from '../../../../shared/usage.js';
import { useUsage, type UsageFilters } from '../../state/usage';
import { FilterText } from './FilterText';

export interface FilterOptions {
  providers: string[];
  models: string[];
  tags: string[];
  /** Imported sessions' working directories. */
  projects: string[];
}

const BILLING_LABELS: Record<BillingMode, string> = { api: 'API', batch: 'Batch', subscription: 'Subscription' };
const STATUS_LABELS: Record<UsageStatus, string> = { ok: 'OK', error: 'Error', incomplete: 'Incomplete', blocked: 'Blocked' };

export function RequestFilters({ options }: { options: FilterOptions }) {
  const filters = useUsage((s) => s.filters);
  const setFilters = useUsage((s) => s.setFilters);
  const clearFilters = useUsage((s) => s.clearFilters);
  const [dateError, setDateError] = useState<string | null>(null);
  const active = Object.keys(filters).length > 0;
  // The machine filter appears once other machines' calls are in the ledger (sync, issue 17).
  // Select the stored status itself: a selector returning a new array each time re-renders forever (zustand 5).
  const devices = useSync((s) => s.status)?.devices ?? [];
  useEffect(() => void useSync.getState().load(), []);

  const setDate = (key: 'since' | 'until', value: string) => {
    const next: UsageFilters = { ...filters, [key]: value || undefined };
    if (next.since && next.until && next.since > next.until) {
      setDateError('"From" is after "to".');
      return;
    }
    setDateError(null);
    setFilters({ [key]: value || undefined });
  };

  return (
    <div className="filters" data-testid="filters">
      <FilterText label="Provider" value={filters.provider} options={options.providers} onCommit={(v) => setFilters({ provider: v })} />
      <FilterText label="Model" value={filters.model} options={options.models} onCommit={(v) => setFilters({ model: v })} />
      <FilterText label="Tag" value={filters.tag} options={options.tags} onCommit={(v) => setFilters({ tag: v })} />
      <FilterText label="Project" value={filters.project} options={options.projects} onCommit={(v) => setFilters({ project: v })} />
      <label className="field field-compact">
        <span className="field-label">Billing</span>
        <select name="billing" value={filters.billing ?? ''} onChange={(e) => setFilters({ billing: (e.target.value || undefined) as BillingMode | undefined })}>
          <option value="">Any</option>
          {BILLING_MODES.map((b) => (
            <option key={b} value={b}>
              {BILLING_LABELS[b]}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-compact">
        <span className="field-label">Status</span>
        <select name="status" value={filters.status ?? ''} onChange={(e) => setFilters({ status: (e.target.value || undefined) as UsageStatus | undefined })}>
          <option value="">Any</option>
          {USAGE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      {devices.length > 1 && (
        <label className="field field-compact">
          <span className="field-label">Machine</span>
          <select name="device" value={filters.device ?? ''} onChange={(e) => setFilters({ device: e.target.value || undefined })} data-testid="device-filter">
            <option value="">Any</option>
            {devices.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.self ? `${d.name} (this machine)` : d.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field field-compact">
        <span className="field-label">From</span>
        <input type="date" name="since" value={filters.since ?? ''} onChange={(e) => setDate('since', e.target.value)} />
      </label>
      <label className="field field-compact">
        <span className="field-label">To</span>
        <input type="date" name="until" value={filters.until ?? ''} onChange={(e) => setDate('until', e.target.value)} />
      </label>
      <div className="filters-actions">
        {active && (
          <button type="button" className="btn btn-ghost" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      {dateError && <p className="notice notice-error small filters-error">{dateError}</p>}
    </div>
  );
}
