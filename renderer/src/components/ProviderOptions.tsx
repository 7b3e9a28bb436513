import { providerLabel } from '../state/provider-catalog';

/** The options of a provider choice: each provider id, shown by its name. */
export function ProviderOptions({ providers }: { providers: readonly string[] }) {
  return (
    <>
      {providers.map((p) => (
        <option key={p} value={p}>
          {providerLabel(p)}
        </option>
      ))}
    </>
  );
}
