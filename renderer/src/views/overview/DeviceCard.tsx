import { useEffect, useState } from 'react';
import type { DeviceUsage } from '../../../../shared/api/contract-sync.js';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { getClient } from '../../api/client';
import { pageHref } from '../../lib/route';
import { reportError } from '../../state/connection';
import { useUsage } from '../../state/usage';

/**
 * The period's calls by machine (sync, issue 17), shown once other machines' calls are in the
 * ledger. A machine's name opens Requests filtered to it. `version` changes when the ledger does.
 */
export function DeviceCard({ start, end, version }: { start: string; end: string; version: number }) {
  const [rows, setRows] = useState<DeviceUsage[] | null>(null);
  useEffect(() => {
    let live = true;
    getClient()
      .usageByDevice({ since: start, until: end })
      .then((r) => live && setRows(r))
      .catch((err) => reportError(err));
    return () => {
      live = false;
    };
  }, [start, end, version]);
  if (!rows || rows.length < 2) return null;
  return (
    <section className="card" data-testid="by-device">
      <div className="card-head">
        <h2>By machine this month</h2>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Machine</th>
            <th className="num">Calls</th>
            <th className="num">Spend</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.deviceId}>
              <td>
                <a href={pageHref('requests')} onClick={() => useUsage.getState().setFilters({ device: d.deviceId })}>
                  {d.name}
                </a>
                {d.self && <span className="muted"> (this machine)</span>}
              </td>
              <td className="num">{formatCount(d.requests)}</td>
              <td className="num">{formatUsd(d.spendNano)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
