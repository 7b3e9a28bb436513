/** The small, quiet button of a table row (Open, Edit, Test, Remove). */
export function RowButton({ onClick, label, children }: { onClick: () => void; label?: string; children: React.ReactNode }) {
  return (
    <button type="button" className="btn btn-ghost btn-small" onClick={onClick} aria-label={label}>
      {children}
    </button>
  );
}
