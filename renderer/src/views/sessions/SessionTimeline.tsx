import type { SessionsReport, WindowBlock } from '../../../../shared/api/contract-sessions.js';
import { projectLabels } from '../../../../shared/projects/project-of.js';
import { formatDuration } from '../../../../shared/sessions/session-words.js';
import { timelineDays } from '../../../../shared/sessions/timeline.js';
import { formatUsd } from '../../../../shared/format.js';
import { formatUsed } from '../../../../shared/windows/format-window.js';
import { windowLabel } from '../../../../shared/windows/window-names.js';
import { formatClock, formatDay } from '../../lib/dates';
import { providerLabel } from '../../state/provider-catalog';

const HOURS = [0, 6, 12, 18, 24];
/** A window cycle this wide (share of a day) has room for its percentage. */
const LABEL_MIN_WIDTH = 0.05;

const laneKey = (w: Pick<WindowBlock, 'provider' | 'account' | 'window'>) => `${w.provider}|${w.account}|${w.window}`;

/**
 * A row a day: the plan windows' cycles (one thin lane per provider, account and window, shaded by
 * how much of the cycle was used) above the sessions of that day (one lane per overlapping session).
 */
export function SessionTimeline({ report }: { report: SessionsReport }) {
  const days = timelineDays(report.since, report.until, report.tz, report.sessions, report.windows);
  const lanes = [...new Map(report.windows.map((w) => [laneKey(w), w])).values()].sort(
    (a, b) => (a.window === '5h' ? 0 : 1) - (b.window === '5h' ? 0 : 1) || laneKey(a).localeCompare(laneKey(b)),
  );
  const labels = projectLabels(report.sessions.flatMap((s) => (s.project ? [s.project] : [])));
  const tz = report.tz;
  return (
    <section className="card" data-testid="sessions-timeline">
      <div className="card-head">
        <h2>Sessions and plan windows</h2>
        <div className="legend small muted">
          <span className="swatch swatch-window" /> Plan window (share used)
          <span className="swatch swatch-session" /> Session
        </div>
      </div>
      {lanes.length === 0 && <p className="muted small">No plan window was seen in this period (they are read from the proxy&apos;s subscription calls and Codex&apos;s logs).</p>}
      <div className="timeline">
        <div className="timeline-row timeline-axis" aria-hidden="true">
          <div className="timeline-label" />
          <div className="timeline-track">
            {HOURS.map((h) => (
              <span key={h} className="timeline-hour" style={{ left: `${(h / 24) * 100}%` }}>
                {String(h).padStart(2, '0')}
              </span>
            ))}
          </div>
        </div>
        {days.map((d) => (
          <div className="timeline-row" key={d.day} data-testid="timeline-day" data-day={d.day}>
            <div className="timeline-label small muted">{formatDay(d.day)}</div>
            <div className="timeline-track">
              {lanes.map((lane) => (
                <div className="timeline-lane timeline-window-lane" key={laneKey(lane)} title={`${providerLabel(lane.provider)} ${windowLabel(lane.window)}`}>
                  {d.windows
                    .filter((w) => laneKey(w.item) === laneKey(lane))
                    .map((w) => (
                      <div
                        key={w.item.fromMs}
                        className={`window-block${w.item.blocked ? ' window-block-blocked' : ''}`}
                        style={{ left: `${w.left * 100}%`, width: `${w.width * 100}%`, ['--used' as string]: String(w.item.used ?? 0) }}
                        data-testid="window-block"
                        data-window={w.item.window}
                        data-used={w.item.used ?? ''}
                        title={`${providerLabel(w.item.provider)} ${windowLabel(w.item.window)} ${formatClock(w.item.fromMs, tz)}–${formatClock(w.item.toMs, tz)}: ${formatUsed(w.item.used)} used${w.item.blocked ? ', calls refused' : ''}`}
                      >
                        {w.width >= LABEL_MIN_WIDTH && <span className="window-block-used">{formatUsed(w.item.used)}</span>}
                      </div>
                    ))}
                </div>
              ))}
              <div className="timeline-lane timeline-session-lanes" style={{ height: `${d.lanes * 12}px` }}>
                {d.sessions.map((s) => (
                  <div
                    key={s.item.sessionId}
                    className="session-bar"
                    data-provider={s.item.provider}
                    data-testid="session-bar"
                    data-session={s.item.sessionId}
                    style={{ left: `${s.left * 100}%`, width: `${s.width * 100}%`, top: `${s.lane * 12}px` }}
                    title={`${s.item.project ? labels.get(s.item.project) : '(no project)'} · ${formatClock(s.item.startMs, tz)}–${formatClock(s.item.endMs, tz)} (${formatDuration(s.item.endMs - s.item.startMs)}) · ${s.item.calls} calls · ${formatUsd(s.item.costNano)} at API rates`}
                  />
                ))}
              </div>
            </div>
          </div>
        ))}
      </div>
      {lanes.length > 0 && (
        <div className="small muted timeline-lanes-key">
          Window lanes, top to bottom: {lanes.map((l) => `${providerLabel(l.provider)} ${windowLabel(l.window)}`).join(', ')}.
        </div>
      )}
    </section>
  );
}
