import { useState } from 'react';
import type { PriceOverride, Settings } from '../../../../shared/api/contract.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { useSettings } from '../../state/settings';
import { errorMessage } from '../../../../shared/error-message.js';

const EMPTY = { provider: '', model: '', input: '', output: '', cacheRead: '', cacheWrite: '' };

function perMTok(v: number | undefined): string {
  return v === undefined ? '—' : `$${v}`;
}

/** "" → undefined; anything else must be a non-negative number of dollars. */
function rate(text: string, what: string, required: boolean): number | undefined {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') {
    if (required) throw new Error(`${what} is required.`);
    return undefined;
  }
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${what} is dollars per million tokens, e.g. 3 or 0.25.`);
  return n;
}

export function PriceOverridesSection({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const [form, setForm] = useState(EMPTY);
  const [message, run] = useSaveAction();
  const overrides = settings.priceOverrides;
  const field = (key: keyof typeof EMPTY) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value }),
  });

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    let entry: PriceOverride;
    try {
      entry = {
        provider: form.provider.trim() === '' ? null : form.provider.trim().toLowerCase(),
        model: form.model.trim(),
        inputPerMTok: rate(form.input, 'Input', true)!,
        outputPerMTok: rate(form.output, 'Output', true)!,
      };
      const cacheRead = rate(form.cacheRead, 'Cache read', false);
      const cacheWrite = rate(form.cacheWrite, 'Cache write', false);
      if (cacheRead !== undefined) entry.cacheReadPerMTok = cacheRead;
      if (cacheWrite !== undefined) entry.cacheWritePerMTok = cacheWrite;
    } catch (err) {
      void run(async () => errorMessage(err));
      return;
    }
    if (await run(() => update({ priceOverrides: [...overrides, entry] }), 'Added. New calls use this price.')) setForm(EMPTY);
  };
  const remove = (victim: PriceOverride) =>
    void run(() => update({ priceOverrides: overrides.filter((o) => !(o.provider === victim.provider && o.model === victim.model)) }), 'Removed.');

  return (
    <section className="card">
      <div className="card-head">
        <h2>Price overrides</h2>
      </div>
      <p className="muted small">
        For models the bundled price data does not know (or a negotiated rate). USD per million tokens. Calls already in the
        ledger keep the price they were recorded with.
      </p>
      {overrides.length > 0 && (
        <table className="table" data-testid="price-overrides">
          <thead>
            <tr>
              <th>Provider</th>
              <th>Model</th>
              <th className="right">Input</th>
              <th className="right">Output</th>
              <th className="right">Cache read</th>
              <th className="right">Cache write</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {overrides.map((o) => (
              <tr key={`${o.provider ?? '*'}/${o.model}`}>
                <td className="muted">{o.provider ?? 'any'}</td>
                <td className="mono">{o.model}</td>
                <td className="right num">{perMTok(o.inputPerMTok)}</td>
                <td className="right num">{perMTok(o.outputPerMTok)}</td>
                <td className="right num">{perMTok(o.cacheReadPerMTok)}</td>
                <td className="right num">{perMTok(o.cacheWritePerMTok)}</td>
                <td className="right">
                  <ConfirmRemove onConfirm={() => remove(o)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-row form-row-wrap" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span className="field-label">Provider</span>
          <input name="overrideProvider" placeholder="any" className="input-short" {...field('provider')} spellCheck={false} />
        </label>
        <label className="field field-model">
          <span className="field-label">Model</span>
          <input name="overrideModel" placeholder="my-fine-tune-v2" required {...field('model')} spellCheck={false} />
        </label>
        <label className="field field-num">
          <span className="field-label">Input $</span>
          <input name="overrideInput" inputMode="decimal" placeholder="3" required {...field('input')} />
        </label>
        <label className="field field-num">
          <span className="field-label">Output $</span>
          <input name="overrideOutput" inputMode="decimal" placeholder="15" required {...field('output')} />
        </label>
        <label className="field field-num">
          <span className="field-label">Cache read $</span>
          <input name="overrideCacheRead" inputMode="decimal" placeholder="opt." {...field('cacheRead')} />
        </label>
        <label className="field field-num">
          <span className="field-label">Cache write $</span>
          <input name="overrideCacheWrite" inputMode="decimal" placeholder="opt." {...field('cacheWrite')} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn">
            Add override
          </button>
        </div>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
