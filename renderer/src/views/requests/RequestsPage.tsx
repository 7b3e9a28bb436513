import { formatCount } from '../../../../shared/format.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { reportError, useConnection } from '../../state/connection';
import { useSummary } from '../../state/summary';
import { useUsage } from '../../state/usage';
import { exportRequestsCsv } from './export-csv';
import { RequestDetail } from './RequestDetail';
import { RequestFilters, type FilterOptions } from './RequestFilters';
import { RequestTable } from './RequestTable';
import { RequestTotals } from './RequestTotals';
import { LatencyCard } from './LatencyCard';

export function RequestsPage() {
  const usage = useUsage();
  const summary = useSummary((s) => s.summary);
  const ledgerEmpty = useSummary((s) => s.ledgerEmpty);
  const offline = useConnection((s) => s.offline) !== null;
  const tz = summary?.tz;
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    void useUsage.getState().reload();
  }, []);

  // Suggestions for the text filters: every value seen since the page opened.
  const seen = useRef({ providers: new Set<string>(), models: new Set<string>(), tags: new Set<string>(), projects: new Set<string>() });
  const options: FilterOptions = useMemo(() => {
    for (const r of usage.records) {
      seen.current.providers.add(r.provider);
      seen.current.models.add(r.model);
      if (r.tag) seen.current.tags.add(r.tag);
      if (r.project) seen.current.projects.add(r.project);
    }
    for (const m of summary?.topModelsToday ?? []) seen.current.models.add(m.model);
    const sorted = (s: Set<string>) => [...s].sort();
    return { providers: sorted(seen.current.providers), models: sorted(seen.current.models), tags: sorted(seen.current.tags), projects: sorted(seen.current.projects) };
  }, [usage.records, summary]);

  const onExport = async () => {
    setExportError(null);
    setExporting('Exporting…');
    try {
      await exportRequestsCsv(usage.filters, tz ?? 'UTC', (done, total) =>
        setExporting(`Exporting ${formatCount(done)} / ${formatCount(total)}…`),
      );
    } catch (err) {
      setExportError(reportError(err));
    } finally {
      setExporting(null);
    }
  };

  const filtered = Object.keys(usage.filters).length > 0;
  const more = usage.total - usage.records.length;

  return (
    <div className="page page-wide">
      <div className="page-main">
        <header className="page-head">
          <h1>Requests</h1>
          {offline ? (
            <span className="muted live-dot live-paused" title="Tokentally is not answering: the list is as it was last read" data-testid="live-state">
              Paused
            </span>
          ) : (
            <span className="muted live-dot" title="Updates as calls arrive" data-testid="live-state">
              Live
            </span>
          )}
          <button type="button" className="btn page-head-action" onClick={() => void onExport()} disabled={exporting !== null} data-testid="export-csv">
            {exporting ?? 'Export CSV'}
          </button>
        </header>
        {ledgerEmpty && !filtered ? (
          <EmptyState proxy={summary?.proxy ?? null} />
        ) : (
          <>
            <RequestFilters options={options} />
            {exportError && <p className="notice notice-error">{exportError}</p>}
            {usage.error && <p className="notice notice-error">{usage.error}</p>}
            {usage.totals && <RequestTotals totals={usage.totals} />}
            <LatencyCard filters={usage.filters} total={usage.total} />
            <section className="card card-flush">
              {!usage.loaded ? (
                <p className="muted pad">Loading…</p>
              ) : usage.records.length === 0 ? (
                <p className="muted pad">{filtered ? 'No calls match these filters.' : 'No calls recorded yet.'}</p>
              ) : (
                <RequestTable records={usage.records} tz={tz} selectedId={usage.selectedId} onSelect={(id) => void usage.select(id)} />
              )}
              {usage.nextCursor !== null && (
                <div className="load-more">
                  <button type="button" className="btn" disabled={usage.loading} onClick={() => void usage.loadMore()}>
                    {more > 0 ? `Show more (${formatCount(more)} older)` : 'Show more'}
                  </button>
                </div>
              )}
            </section>
          </>
        )}
      </div>
      <RequestDetail tz={tz} />
    </div>
  );
}
