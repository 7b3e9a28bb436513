import { useState } from 'react';
import type { SessionSummary, SessionsReport } from '../../../../shared/api/contract-sessions.js';
import { formatCount, formatTokens, usdColumn } from '../../../../shared/format.js';
import { projectLabels } from '../../../../shared/projects/project-of.js';
import { formatDuration } from '../../../../shared/sessions/session-words.js';
import { formatTime } from '../../lib/dates';

type SortKey = 'project' | 'start' | 'end' | 'duration' | 'calls' | 'tokens' | 'cost';

const COLUMNS: { key: SortKey; label: string; numeric: boolean; value: (s: SessionSummary, project: string) => number | string }[] = [
  { key: 'project', label: 'Project', numeric: false, value: (_s, project) => project },
  { key: 'start', label: 'Start', numeric: false, value: (s) => s.startMs },
  { key: 'end', label: 'End', numeric: false, value: (s) => s.endMs },
  { key: 'duration', label: 'Duration', numeric: true, value: (s) => s.endMs - s.startMs },
  { key: 'calls', label: 'Calls', numeric: true, value: (s) => s.calls },
  { key: 'tokens', label: 'Tokens', numeric: true, value: (s) => s.tokens },
  { key: 'cost', label: 'Cost', numeric: true, value: (s) => s.costNano },
];

/** The period's sessions, newest first until a column heading is clicked (again: the other way). */
export function SessionTable({ report }: { report: SessionsReport }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'start', desc: true });
  const labels = projectLabels(report.sessions.flatMap((s) => (s.project ? [s.project] : [])));
  const projectOf = (s: SessionSummary) => (s.project ? (labels.get(s.project) ?? s.project) : '(no project)');
  const column = COLUMNS.find((c) => c.key === sort.key)!;
  const rows = [...report.sessions].sort((a, b) => {
    const [x, y] = [column.value(a, projectOf(a)), column.value(b, projectOf(b))];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return (sort.desc ? -order : order) || b.startMs - a.startMs;
  });
  const cost = usdColumn(report.sessions.map((s) => s.costNano));
  const click = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: COLUMNS.find((c) => c.key === key)!.numeric }));
  return (
    <div className="table-scroll">
      <table className="table sessions-table" data-testid="sessions-table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.numeric ? 'right' : undefined} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" className="sort-btn" onClick={() => click(c.key)} data-sort={c.key} title={c.key === 'cost' ? 'At API rates: what the same calls would cost on an API key' : undefined}>
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ↓' : ' ↑') : ''}
                </button>
              </th>
            ))}
            <th>Models</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.sessionId} data-session={s.sessionId}>
              <td className="cell-wrap" title={s.project ?? 'The log named no working directory'}>
                <span className={s.project ? undefined : 'muted'}>{projectOf(s)}</span>
              </td>
              <td className="num nowrap">{formatTime(s.startMs, report.tz)}</td>
              <td className="num nowrap">{formatTime(s.endMs, report.tz)}</td>
              <td className="right nowrap">{formatDuration(s.endMs - s.startMs)}</td>
              <td className="right num">{formatCount(s.calls)}</td>
              <td className="right num">{formatTokens(s.tokens)}</td>
              <td className="right num" data-testid="session-cost">
                {s.unpriced > 0 ? '≤ est. ' : ''}
                {cost(s.costNano)}
              </td>
              <td className="cell-wrap mono small">{s.models.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
