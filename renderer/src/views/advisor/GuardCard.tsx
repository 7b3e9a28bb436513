import { useEffect, useState, type ChangeEvent } from 'react';
import type { GuardSettings } from '../../../../shared/api/contract-guard.js';
import { useSummary } from '../../state/summary';
import { useGuard } from '../../state/guard';
import { formatTime } from '../../lib/dates';

/** The form's fields as typed (strings), so a half-typed number is not thrown away. */
interface Draft {
  enabled: boolean;
  multiplier: string;
  floor: string;
  repeatCount: string;
  repeatMinutes: string;
  tags: string;
}

function draftOf(g: GuardSettings): Draft {
  return {
    enabled: g.enabled,
    multiplier: String(g.multiplier),
    floor: String(g.floorUsdPerHour),
    repeatCount: String(g.repeatCount),
    repeatMinutes: String(g.repeatWindowSeconds / 60),
    tags: g.autoPauseTags.join(', '),
  };
}

/** The settings the draft says; the core checks them (a bad value comes back as the error shown). */
function settingsOf(d: Draft): GuardSettings {
  return {
    enabled: d.enabled,
    multiplier: Number(d.multiplier),
    floorUsdPerHour: Number(d.floor),
    repeatCount: Number(d.repeatCount),
    repeatWindowSeconds: Math.round(Number(d.repeatMinutes) * 60),
    autoPauseTags: d.tags
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
  };
}

/** The runaway-loop guard: paused tags (Resume), its thresholds, which tags pause on an alarm, the latest alarms. */
export function GuardCard() {
  const { status, error } = useGuard();
  const tz = useSummary((s) => s.summary?.tz) ?? 'UTC';
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    void useGuard.getState().load();
  }, []);
  const saved = status ? JSON.stringify(status.settings) : '';
  useEffect(() => {
    if (status) setDraft(draftOf(status.settings));
  }, [saved]);
  if (!status || !draft) return error ? <p className="notice notice-error">{error}</p> : null;
  const g = status.settings;
  const field = (name: keyof Omit<Draft, 'enabled'>) => ({
    name,
    value: draft[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [name]: e.target.value }),
  });

  return (
    <section className="card" data-testid="guard-card">
      <div className="card-head">
        <h2>Loop guard</h2>
        <span className="muted small">
          {g.enabled
            ? `alarms above ${g.multiplier}× a tag's usual busy hour (and $${g.floorUsdPerHour}/h), or the same request ${g.repeatCount}× in ${Math.round(g.repeatWindowSeconds / 60)} min`
            : 'off'}
        </span>
      </div>
      {error && <p className="notice notice-error">{error}</p>}
      {status.paused.length > 0 && (
        <ul className="guard-paused" data-testid="guard-paused">
          {status.paused.map((p) => (
            <li key={p.tag ?? ''} className="notice notice-error">
              <span>
                <strong>{p.tag ?? 'Untagged calls'}</strong> paused {formatTime(Date.parse(p.pausedAt), tz)}: {p.reason}. Its calls are refused.
              </span>{' '}
              <button type="button" className="btn btn-small" onClick={() => void useGuard.getState().resume(p.tag)} data-testid="guard-resume">
                Resume
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form-row form-row-wrap guard-form small"
        data-testid="guard-form"
        onSubmit={(e) => {
          e.preventDefault();
          void useGuard.getState().save(settingsOf(draft));
        }}
      >
        <label className="field">
          <span className="field-label">Watch</span>
          <input name="enabled" type="checkbox" checked={draft.enabled} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} />
        </label>
        <label className="field">
          <span className="field-label">× usual busy hour</span>
          <input type="number" min={2} step="any" {...field('multiplier')} />
        </label>
        <label className="field">
          <span className="field-label">and above $/hour</span>
          <input type="number" min={0.01} step="any" {...field('floor')} />
        </label>
        <label className="field">
          <span className="field-label">same request ×</span>
          <input type="number" min={2} step={1} {...field('repeatCount')} />
        </label>
        <label className="field">
          <span className="field-label">within minutes</span>
          <input type="number" min={0.1} step="any" {...field('repeatMinutes')} />
        </label>
        <label className="field field-grow">
          <span className="field-label">Pause these tags when they alarm (comma-separated, * for all)</span>
          <input placeholder="e.g. my-agent, nightly" spellCheck={false} {...field('tags')} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-small">
            Save
          </button>
        </div>
      </form>
      {status.alarms.length > 0 ? (
        <ul className="guard-alarms small" data-testid="guard-alarms">
          {status.alarms.slice(0, 5).map((a) => (
            <li key={a.id}>
              <span className="muted">{formatTime(Date.parse(a.at), tz)}</span> {a.message}
              {a.paused ? ' (paused)' : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No alarm yet.</p>
      )}
    </section>
  );
}
