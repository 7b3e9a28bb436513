import { useEffect, useRef, useState } from 'react';

/** How long the question stays open before it goes back to a plain "Remove". */
const ASK_MS = 8_000;

/**
 * "Remove", asked once more: the first click turns the button into the question with "Yes, remove"
 * and "Keep" (focused, so Enter on a slip keeps the row); Escape or a few seconds put it back. A
 * removed budget may have been the hard cap that protected the month, a removed key must be pasted
 * again: none of it comes back with an undo.
 */
export function ConfirmRemove({ onConfirm, label, question = 'Remove?' }: { onConfirm: () => void; label?: string; question?: string }) {
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!asking) return;
    keep.current?.focus();
    const timer = setTimeout(() => setAsking(false), ASK_MS);
    return () => clearTimeout(timer);
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="btn btn-ghost btn-small" onClick={() => setAsking(true)} aria-label={label}>
        Remove
      </button>
    );
  }
  return (
    <span
      className="confirm-remove"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      <span className="small">{question}</span>
      <button
        type="button"
        className="btn btn-small btn-danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes, remove
      </button>
      <button type="button" className="btn btn-ghost btn-small" ref={keep} onClick={() => setAsking(false)}>
        Keep
      </button>
    </span>
  );
}
