import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import type { PlanEdit, PlanInfo } from '../../../../shared/api/contract-subscriptions.js';
import { formatUsd } from '../../../../shared/format.js';
import { parseUsd } from '../../../../shared/money.js';
import { MisplacedCommaError } from '../../../../shared/thousands.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { RowButton } from '../../components/RowButton';
import { formatDay } from '../../lib/dates';
import { useBreakEven } from '../../state/breakeven';
import { useSettings } from '../../state/settings';

interface Draft {
  plan: PlanInfo['id'];
  name: string;
  price: string;
  credits: string;
  windows: string;
}

const dollars = (nano: number | null) => (nano === null ? '' : String(nano / 1e9));

/**
 * The plans catalog as data: each plan's price, included credits and usage windows, the day they
 * were checked and where. Plans change names and prices; a plan can be corrected here until
 * Tokentally's data catches up (Settings.planEdits).
 */
export function PlanCatalogSection({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const catalog = useBreakEven((b) => b.catalog);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, run] = useSaveAction();
  useEffect(() => void useBreakEven.getState().loadCatalog(), []);
  if (!catalog) return null;

  const saveEdits = async (edits: PlanEdit[], ok: string) => {
    if (await run(() => update({ planEdits: edits }), ok)) {
      setDraft(null);
      await useBreakEven.getState().reloadCatalog();
    }
  };
  const others = (id: string) => settings.planEdits.filter((e) => e.plan !== id);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    const plan = catalog.find((p) => p.id === draft.plan)!;
    let edit: PlanEdit;
    try {
      edit = { plan: draft.plan, name: draft.name.trim() || plan.name, monthlyNano: parseUsd(draft.price), monthlyCreditsNano: draft.credits.trim() === '' ? null : parseUsd(draft.credits) };
    } catch (err) {
      void run(async () => (err instanceof MisplacedCommaError ? err.message : 'Enter prices in dollars, e.g. 20 or 17.50 (credits may be left empty).'));
      return;
    }
    const windows = draft.windows
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== '');
    if (windows.length > 0) edit.windows = windows;
    void saveEdits([...others(draft.plan), edit], 'Saved.');
  };

  return (
    <section className="card" id="plans">
      <div className="card-head">
        <h2>Plans catalog</h2>
      </div>
      <p className="muted small">Prices for monthly billing, the usage windows each plan has and the credits it includes, as checked on the day shown. Correct a plan when its vendor changes it.</p>
      <table className="table" data-testid="plan-catalog">
        <thead>
          <tr>
            <th>Plan</th>
            <th className="right">Per month</th>
            <th className="right">Credits</th>
            <th>Windows</th>
            <th>Checked</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {catalog.map((p) => (
            <tr key={p.id} data-plan={p.id}>
              <td>
                {p.name}
                {p.edited && <span className="badge badge-info">edited</span>}
                <span className="muted small block">{p.note}</span>
              </td>
              <td className="right num">
                {formatUsd(p.monthlyNano, { decimals: 0 })}
                {p.perSeat ? '/seat' : ''}
              </td>
              <td className="right num" title={p.creditsNote ?? undefined}>
                {p.monthlyCreditsNano === null ? '—' : formatUsd(p.monthlyCreditsNano, { decimals: 0 })}
              </td>
              <td className="muted">{p.windows.join(', ')}</td>
              <td className="muted small">
                {/^https?:\/\//.test(p.source) ? (
                  <a href={p.source.split(' ')[0]} target="_blank" rel="noreferrer">
                    {formatDay(p.asOf)}
                  </a>
                ) : (
                  formatDay(p.asOf)
                )}
              </td>
              <td className="right">
                <RowButton onClick={() => setDraft({ plan: p.id, name: p.name, price: dollars(p.monthlyNano), credits: dollars(p.monthlyCreditsNano), windows: p.windows.join(', ') })}>Edit</RowButton>
                {p.edited && <RowButton onClick={() => void saveEdits(others(p.id), 'Back to the catalog’s figures.')}>Reset</RowButton>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {draft && (
        <form className="form-row form-row-wrap" onSubmit={save} data-testid="plan-edit-form">
          <label className="field">
            <span className="field-label">Name</span>
            <input name="planName" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
          </label>
          <label className="field field-num">
            <span className="field-label">$ / month</span>
            <input name="planPrice" inputMode="decimal" value={draft.price} onChange={(e) => setDraft({ ...draft, price: e.target.value })} required />
          </label>
          <label className="field field-num">
            <span className="field-label">Credits $ / month</span>
            <input name="planCredits" inputMode="decimal" value={draft.credits} onChange={(e) => setDraft({ ...draft, credits: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Windows</span>
            <input name="planWindows" value={draft.windows} placeholder="5h, 7d" onChange={(e) => setDraft({ ...draft, windows: e.target.value })} spellCheck={false} />
          </label>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              Save
            </button>
            <button type="button" className="btn" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormMessage message={message} />
    </section>
  );
}
