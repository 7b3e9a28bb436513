import { useId } from 'react';
import { ProviderOptions } from './ProviderOptions';
import { modelSuggestions, scenarioProviders } from '../lib/model-suggestions';

interface Props {
  provider: string;
  model: string;
  onChange(next: { provider: string; model: string }): void;
  /** Extra providers (custom ones from Settings). */
  extraProviders?: readonly string[];
  compact?: boolean;
  invalid?: { provider?: string; model?: string };
  namePrefix?: string;
}

/** A provider and a model id: suggestions per provider, any id may be typed. */
export function ModelPicker({ provider, model, onChange, extraProviders = [], compact = false, invalid = {}, namePrefix = '' }: Props) {
  const listId = useId();
  const providers = [...new Set([...scenarioProviders(), ...extraProviders, ...(provider ? [provider] : [])])];
  return (
    <span className={`model-picker${compact ? ' model-picker-compact' : ''}`}>
      <select
        name={`${namePrefix}provider`}
        aria-label="Provider"
        value={provider}
        className={invalid.provider ? 'invalid' : undefined}
        title={invalid.provider}
        onChange={(e) => onChange({ provider: e.target.value, model: '' })}
      >
        <ProviderOptions providers={providers} />
      </select>
      <input
        name={`${namePrefix}model`}
        aria-label="Model"
        list={listId}
        value={model}
        placeholder="model id"
        spellCheck={false}
        className={invalid.model ? 'invalid' : undefined}
        title={invalid.model}
        onChange={(e) => onChange({ provider, model: e.target.value })}
      />
      <datalist id={listId}>
        {modelSuggestions(provider).map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </span>
  );
}
