import { useCallback, useState } from 'react';

export type Message = { tone: 'ok' | 'error'; text: string } | null;

/** Run a save that resolves to an error message or null, and show the outcome next to the button. */
export function useSaveAction(): [Message, (run: () => Promise<string | null>, okText?: string) => Promise<boolean>] {
  const [message, setMessage] = useState<Message>(null);
  const run = useCallback(async (action: () => Promise<string | null>, okText = 'Saved.') => {
    setMessage(null);
    const error = await action();
    setMessage(error ? { tone: 'error', text: error } : { tone: 'ok', text: okText });
    if (!error) setTimeout(() => setMessage((m) => (m?.tone === 'ok' ? null : m)), 2500);
    return !error;
  }, []);
  return [message, run];
}

export function FormMessage({ message }: { message: Message }) {
  if (!message) return null;
  return (
    <span className={`form-message ${message.tone === 'error' ? 'text-danger' : 'text-ok'}`} role={message.tone === 'error' ? 'alert' : 'status'}>
      {message.text}
    </span>
  );
}

/** A settings form's Save button, enabled once something changed, with the outcome beside it. */
export function SaveActions({ dirty, message }: { dirty: boolean; message: Message }) {
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={!dirty}>
        Save
      </button>
      <FormMessage message={message} />
    </div>
  );
}
