import { useState } from 'react';
import type { ImportStatus } from '../../../../shared/api/contract-subscriptions.js';
import { formatCount, formatCountOf } from '../../../../shared/format.js';
import { importProgressText } from '../../../../shared/transcripts/progress-words.js';
import { formatTime } from '../../lib/dates';
import { formatRelative } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { useBreakEven } from '../../state/breakeven';

/** Where plan usage comes from (Claude Code transcripts, Codex and Gemini CLI sessions), how much is in, and a way to read new lines now. */
export function ImportStatusCard({ status, tz }: { status: ImportStatus; tz: string | undefined }) {
  const importing = useBreakEven((b) => b.importing);
  const [result, setResult] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const now = useNow();

  const run = async () => {
    setResult(null);
    const r = await useBreakEven.getState().runImport();
    if ('error' in r) setResult({ tone: 'error', text: r.error });
    else {
      const changed = r.inserted + r.updated;
      setResult({
        tone: r.errors.length ? 'error' : 'ok',
        text:
          (changed === 0 ? 'Nothing new.' : `Stored ${formatCountOf(r.inserted, 'new message')}${r.updated ? `, updated ${formatCount(r.updated)}` : ''}.`) +
          ` Read ${formatCountOf(r.filesRead, 'file')} in ${r.durationMs} ms.` +
          (r.errors.length ? ` ${formatCountOf(r.errors.length, 'problem')}: ${r.errors[0]}` : ''),
      });
    }
  };

  return (
    <section className="card" data-testid="import-status">
      <div className="card-head">
        <h2>
          Session import <span className="muted small">Claude Code · Codex CLI · Gemini CLI</span>
        </h2>
        <div className="form-actions">
          {result && <span className={`small ${result.tone === 'ok' ? 'text-ok' : 'text-danger'}`}>{result.text}</span>}
          <button type="button" className="btn btn-small" onClick={() => void run()} disabled={!status.enabled || importing} data-testid="import-now">
            {importing || status.running ? 'Importing…' : 'Import now'}
          </button>
        </div>
      </div>
      {status.running && status.progress && (
        <div className="import-progress small" data-testid="import-progress">
          <progress value={status.progress.bytesDone} max={Math.max(1, status.progress.bytesTotal)} />
          <span>{importProgressText(status.progress)}</span>
        </div>
      )}
      {!status.enabled && <p className="notice notice-warn small card-notice">The import is switched off in this process (TOKENTALLY_NO_IMPORT=1).</p>}
      <dl className="facts facts-wide">
        <dt>Folders</dt>
        <dd>
          {status.folders.length === 0 ? (
            <span className="muted">none found</span>
          ) : (
            <ul className="folder-list">
              {status.folders.map((f) => (
                <li key={f.path} className="mono wrap">
                  <span className={`dot-inline ${f.exists ? 'dot-ok' : 'dot-off'}`} title={f.exists ? 'found' : 'does not exist (yet)'} />
                  {f.path}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Updates</dt>
        <dd>{status.enabled ? (status.watching ? 'watched: new replies show within seconds' : 'checked now and then') : 'off'}</dd>
        <dt>Transcripts</dt>
        <dd className="num" data-testid="import-files">
          {formatCountOf(status.files, 'file')} · {formatCountOf(status.records, 'message')}
        </dd>
        <dt>Last import</dt>
        <dd title={status.lastImportAt ? formatTime(status.lastImportAt, tz) : undefined}>
          {status.lastImportAt ? formatRelative(status.lastImportAt, now) : 'never'}
          {status.lastChangeAt && <span className="muted"> · last new message {formatRelative(status.lastChangeAt, now)}</span>}
        </dd>
        {status.errors.length > 0 && (
          <>
            <dt>Problems</dt>
            <dd>
              <ul className="error-list small text-danger">
                {status.errors.slice(-5).map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
