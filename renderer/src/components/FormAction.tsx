import { useState } from 'react';
import { reportError, track } from '../state/connection';

/** A form's action on the core: busy while it runs, its error in plain words after. */
export function useFormAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await track(action());
    } catch (err) {
      setError(reportError(err) ?? 'Tokentally is not reachable.');
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** The primary button of such a form, saying when it is at work. */
export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </div>
  );
}

export function FormError({ error }: { error: string | null }) {
  return error ? <p className="text-danger small form-message">{error}</p> : null;
}
