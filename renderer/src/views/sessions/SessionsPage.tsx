import { useEffect, useRef } from 'react';
import { projectLabels } from '../../../../shared/projects/project-of.js';
import { dayOf } from '../../../../shared/time/zoned.js';
import { formatPeriod } from '../../lib/dates';
import { SESSION_PERIODS, useSessions } from '../../state/sessions';
import { useSummary } from '../../state/summary';
import { SessionTable } from './SessionTable';
import { SessionTimeline } from './SessionTimeline';

/**
 * Imported Claude Code and Codex sessions over a period: a timeline a day, with the plan windows'
 * cycles drawn over the sessions that ran in them, and a table of the sessions to sort.
 */
export function SessionsPage() {
  const summary = useSummary((s) => s.summary);
  const state = useSessions();
  const today = summary ? dayOf(summary.now, summary.tz) : null;
  useEffect(() => {
    if (today) void useSessions.getState().load(today);
  }, [today]);

  // The project menu offers every project seen since the page opened (a filtered report shows one).
  const seen = useRef(new Set<string>());
  for (const s of state.report?.sessions ?? []) if (s.project) seen.current.add(s.project);
  const projects = [...seen.current].sort();
  const labels = projectLabels(projects);
  const report = state.report;

  return (
    <div className="page">
      <header className="page-head">
        <h1>Sessions</h1>
        {report && <span className="muted">{formatPeriod(report.since, report.until)}</span>}
      </header>
      <div className="range-bar" data-testid="sessions-bar">
        <nav className="segmented segmented-inline" aria-label="Period">
          {SESSION_PERIODS.map((p) => (
            <button key={p.id} type="button" className={p.id === state.period ? 'active' : undefined} aria-pressed={p.id === state.period} onClick={() => state.choose({ period: p.id })} data-period={p.id}>
              {p.label}
            </button>
          ))}
        </nav>
        <label className="field field-compact range-group">
          <span className="field-label">Project</span>
          <select name="sessionsProject" value={state.project ?? ''} onChange={(e) => state.choose({ project: e.target.value || null })}>
            <option value="">All projects</option>
            {projects.map((p) => (
              <option key={p} value={p}>
                {labels.get(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state.error && <p className="notice notice-error">{state.error}</p>}
      {!report ? (
        <p className="muted">Loading…</p>
      ) : report.sessions.length === 0 ? (
        <section className="card" data-testid="sessions-empty">
          <p>No Claude Code or Codex session in this period.</p>
          <p className="muted small">
            Sessions come from the transcripts Tokentally imports (Claude Code&apos;s and Codex&apos;s own logs on this machine); calls made through
            the proxy alone carry no session.
          </p>
        </section>
      ) : (
        <>
          <SessionTimeline report={report} />
          <section className="card">
            <div className="card-head">
              <h2>Sessions</h2>
              <span className="muted small">{report.truncated ? `the ${report.sessions.length} latest` : `${report.sessions.length} in this period`}</span>
            </div>
            <SessionTable report={report} />
          </section>
        </>
      )}
    </div>
  );
}
