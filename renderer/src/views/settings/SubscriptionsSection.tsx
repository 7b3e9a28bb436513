import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import type { PlanId, Subscription } from '../../../../shared/api/contract-subscriptions.js';
import { formatUsd } from '../../../../shared/format.js';
import { parseUsd } from '../../../../shared/money.js';
import { MisplacedCommaError } from '../../../../shared/thousands.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { providerLabel } from '../../state/provider-catalog';
import { formatDay } from '../../lib/dates';
import { useBreakEven } from '../../state/breakeven';
import { useSettings } from '../../state/settings';
import { errorMessage } from '../../../../shared/error-message.js';

const EMPTY = { plan: 'claude-pro' as PlanId | 'custom', name: '', provider: 'anthropic', price: '', seats: '1', renewalDay: '1', since: '' };

/** The plans the user pays for: from the catalog (price filled in) or custom. */
export function SubscriptionsSection({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const catalog = useBreakEven((b) => b.catalog);
  const [form, setForm] = useState(EMPTY);
  const [message, run] = useSaveAction();
  useEffect(() => void useBreakEven.getState().loadCatalog(), []);
  const subs = settings.subscriptions;
  const chosen = catalog?.find((p) => p.id === form.plan);
  const set = (patch: Partial<typeof EMPTY>) => setForm({ ...form, ...patch });

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    let entry: Subscription;
    try {
      const custom = form.plan === 'custom';
      const seats = Number(form.seats);
      const renewalDay = Number(form.renewalDay);
      if (!Number.isInteger(seats) || seats < 1) throw new Error('Seats: a whole number, 1 or more.');
      if (!Number.isInteger(renewalDay) || renewalDay < 1 || renewalDay > 28) throw new Error('The renewal day is a day of the month from 1 to 28.');
      let monthlyNano = chosen?.monthlyNano ?? 0;
      if (form.price.trim() !== '' || custom) {
        try {
          monthlyNano = parseUsd(form.price);
        } catch (err) {
          throw err instanceof MisplacedCommaError ? err : new Error('Enter the monthly price in dollars, e.g. 20 or 17.50.');
        }
      }
      const name = form.name.trim() || chosen?.name || '';
      if (custom && name === '') throw new Error('Name the custom plan.');
      if (subs.some((s) => s.name === name)) throw new Error(`"${name}" is already in the list: give this one another name.`);
      entry = {
        plan: form.plan,
        name,
        provider: custom ? form.provider : (chosen?.provider ?? 'anthropic'),
        monthlyNano,
        seats,
        renewalDay,
        since: form.since.trim() === '' ? null : form.since.trim(),
      };
    } catch (err) {
      void run(async () => errorMessage(err));
      return;
    }
    if (await run(() => update({ subscriptions: [...subs, entry] }), 'Added.')) setForm(EMPTY);
  };
  const remove = (victim: Subscription) => void run(() => update({ subscriptions: subs.filter((s) => s.name !== victim.name) }), 'Removed.');

  return (
    <section className="card" id="subscriptions">
      <div className="card-head">
        <h2>Subscriptions</h2>
        <a className="small" href="#/breakeven">
          Break-even →
        </a>
      </div>
      <p className="muted small">
        The plans you pay for. Their usage (Claude Code transcripts, Codex and Gemini CLI sessions, Claude OAuth calls through the proxy) is priced at API rates to show whether each plan pays for itself; it never counts as spend.
      </p>
      {subs.length > 0 && (
        <table className="table" data-testid="subscriptions-table">
          <thead>
            <tr>
              <th>Plan</th>
              <th>Covers</th>
              <th className="right">Per month</th>
              <th className="right">Renews on day</th>
              <th>Since</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {subs.map((s) => (
              <tr key={s.name}>
                <td>
                  {s.name}
                  {s.plan === 'custom' && <span className="badge badge-info">custom</span>}
                </td>
                <td className="muted">{providerLabel(s.provider)}</td>
                <td className="right num">
                  {formatUsd(s.monthlyNano * s.seats)}
                  {s.seats > 1 && <span className="muted small"> ({s.seats} × {formatUsd(s.monthlyNano)})</span>}
                </td>
                <td className="right num">{s.renewalDay}</td>
                <td className="muted">{s.since ? formatDay(s.since) : 'always'}</td>
                <td className="right">
                  <ConfirmRemove onConfirm={() => remove(s)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-row form-row-wrap" onSubmit={(e) => void add(e)} data-testid="subscription-form">
        <label className="field">
          <span className="field-label">Plan</span>
          <select name="subPlan" value={form.plan} onChange={(e) => set({ plan: e.target.value as PlanId | 'custom', price: '', name: '' })}>
            {(catalog ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} — {formatUsd(p.monthlyNano, { decimals: 0 })}
                {p.perSeat ? '/seat' : ''}
              </option>
            ))}
            <option value="custom">Custom plan…</option>
          </select>
        </label>
        {form.plan === 'custom' && (
          <>
            <label className="field">
              <span className="field-label">Name</span>
              <input name="subName" placeholder="Cursor Pro" value={form.name} onChange={(e) => set({ name: e.target.value })} required />
            </label>
            <label className="field">
              <span className="field-label">Covers</span>
              <input name="subProvider" className="input-short" value={form.provider} onChange={(e) => set({ provider: e.target.value })} spellCheck={false} required />
            </label>
          </>
        )}
        <label className="field field-num">
          <span className="field-label">$ / month</span>
          <input name="subPrice" inputMode="decimal" placeholder={chosen ? (chosen.monthlyNano / 1e9).toFixed(0) : '20'} value={form.price} onChange={(e) => set({ price: e.target.value })} required={form.plan === 'custom'} />
        </label>
        {(chosen?.perSeat || form.plan === 'custom') && (
          <label className="field field-num">
            <span className="field-label">Seats</span>
            <input name="subSeats" type="number" min={1} value={form.seats} onChange={(e) => set({ seats: e.target.value })} />
          </label>
        )}
        <label className="field field-num">
          <span className="field-label">Renews on</span>
          <input name="subRenewal" type="number" min={1} max={28} value={form.renewalDay} onChange={(e) => set({ renewalDay: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">Paid since (optional)</span>
          <input name="subSince" type="date" value={form.since} onChange={(e) => set({ since: e.target.value })} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn">
            Add plan
          </button>
        </div>
      </form>
      {chosen && <p className="field-hint sub-note">{chosen.note}</p>}
      <FormMessage message={message} />
    </section>
  );
}
