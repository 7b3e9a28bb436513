import { useEffect, useState } from 'react';
import { SYNC_DELAY_NOTE } from '../../../../shared/api/contract-sync.js';
import { formatCount } from '../../../../shared/format.js';
import { FormError, useFormAction } from '../../components/FormAction';
import { useSync } from '../../state/sync';

/**
 * Several machines, one budget: the sync folder (a folder the user's sync engine keeps in step),
 * this machine's name, the other machines seen and the files skipped.
 */
export function SyncSection() {
  const status = useSync((s) => s.status);
  const { busy, error, run } = useFormAction();
  const [folder, setFolder] = useState('');
  const [name, setName] = useState('');
  useEffect(() => void useSync.getState().load(), []);
  useEffect(() => {
    if (status) {
      setFolder(status.folder ?? '');
      setName(status.deviceName);
    }
  }, [status?.folder, status?.deviceName]);

  const save = () => void run(() => useSync.getState().setFolder(folder.trim() === '' ? null : folder.trim(), name.trim() || undefined));
  const off = () => void run(() => useSync.getState().setFolder(null));

  return (
    <section className="card" id="sync" data-testid="sync-section">
      <div className="card-head">
        <h2>Sync</h2>
      </div>
      <p className="muted small">
        Several machines, one budget: pick a folder your sync engine keeps in step (Syncthing, Dropbox, iCloud Drive,
        OneDrive, a network share) on every machine. Each one writes its calls there and adds the others' to its own
        ledger; budgets and plans are shared too. Keys and stored bodies never leave this machine.
      </p>
      <div className="form-grid">
        <label className="field">
          <span className="field-label">Sync folder</span>
          <input type="text" className="mono" value={folder} placeholder="/home/you/Sync/tokentally" onChange={(e) => setFolder(e.target.value)} data-testid="sync-folder" />
        </label>
        <label className="field">
          <span className="field-label">This machine's name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} data-testid="sync-device-name" />
        </label>
        <div className="form-actions">
          <button type="button" className="btn" disabled={busy} onClick={save} data-testid="sync-save">
            Save
          </button>
          {status?.folder && (
            <button type="button" className="btn btn-ghost" disabled={busy} onClick={off}>
              Stop syncing
            </button>
          )}
        </div>
      </div>
      <FormError error={error} />
      {status?.folder && (
        <>
          <table className="table" data-testid="sync-devices">
            <thead>
              <tr>
                <th>Machine</th>
                <th className="num">Calls</th>
                <th className="num">Segments</th>
                <th>Last wrote</th>
              </tr>
            </thead>
            <tbody>
              {status.devices.map((d) => (
                <tr key={d.deviceId}>
                  <td>
                    {d.name}
                    {d.self && <span className="muted"> (this machine)</span>}
                  </td>
                  <td className="num">{formatCount(d.rows)}</td>
                  <td className="num">{formatCount(d.segments)}</td>
                  <td>{d.lastSeenAt === null ? '—' : new Date(d.lastSeenAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {status.pendingRows > 0 && <p className="small muted">{formatCount(status.pendingRows)} waiting to be published.</p>}
          {status.lastError && <p className="notice notice-error small">Sync: {status.lastError}</p>}
          {status.problems.length > 0 && (
            <div className="notice notice-warn small" data-testid="sync-problems">
              <p>Files skipped (read again on every pass):</p>
              <ul>
                {status.problems.map((p) => (
                  <li key={p.path}>
                    <strong>{p.problem}</strong> <span className="mono wrap">{p.path}</span>: {p.detail}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p className="muted small">{SYNC_DELAY_NOTE}</p>
        </>
      )}
    </section>
  );
}
