import { useEffect, useId, useState } from 'react';

/**
 * A free-text filter with suggestions. It applies on Enter, on leaving the field, or when a
 * suggestion is picked, not on every keystroke (a half-typed model name matches nothing).
 */
export function FilterText({
  label,
  value,
  options,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value ?? '');
  const listId = useId();
  useEffect(() => setDraft(value ?? ''), [value]);
  const commit = (next: string) => {
    if (next.trim() !== (value ?? '')) onCommit(next.trim());
  };
  return (
    <label className="field field-compact">
      <span className="field-label">{label}</span>
      <input
        type="search"
        value={draft}
        list={listId}
        placeholder="Any"
        onChange={(e) => {
          setDraft(e.target.value);
          if (options.includes(e.target.value) || e.target.value === '') commit(e.target.value);
        }}
        onBlur={() => commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(draft);
        }}
        name={label.toLowerCase()}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </label>
  );
}
