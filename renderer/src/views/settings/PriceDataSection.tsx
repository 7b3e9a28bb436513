import { useState } from 'react';
import type { AppStatus, Settings } from '../../../../shared/api/contract.js';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { getClient } from '../../api/client';
import { FormError, useFormAction } from '../../components/FormAction';
import { useSettings } from '../../state/settings';

/**
 * The price list in force and keeping it current: download the price library's published list
 * (only when asked, or daily when switched on), and re-price stored calls with it (only when asked).
 */
export function PriceDataSection({ status, settings }: { status: AppStatus; settings: Settings }) {
  const info = status.priceData;
  const { busy, error, run } = useFormAction();
  const [done, setDone] = useState<string | null>(null);
  const update = useSettings((s) => s.update);

  const refresh = () =>
    void run(async () => {
      setDone(null);
      const r = await getClient().refreshPriceData();
      await useSettings.getState().loadStatus();
      setDone(
        `${r.outcome === 'updated' ? 'Updated' : 'Already current'}: ${formatCount(r.info.models)} models` +
          (r.newModels.length > 0 ? `, ${formatCount(r.newModels.length)} new (${r.newModels.slice(0, 5).join(', ')}${r.newModels.length > 5 ? ', …' : ''})` : '') +
          '. Stored calls keep their cost until you re-price them.',
      );
    });
  const reprice = () =>
    void run(async () => {
      setDone(null);
      const r = await getClient().repriceStoredCalls({});
      const sign = r.deltaNano < 0 ? '-' : '+';
      setDone(`Re-priced ${formatCount(r.examined)} calls: ${formatCount(r.changed)} changed, ${sign}${formatUsd(Math.abs(r.deltaNano))} in total.`);
    });

  return (
    <section className="card" id="prices" data-testid="price-data">
      <div className="card-head">
        <h2>Price data</h2>
      </div>
      <dl className="facts facts-wide">
        <dt>In force</dt>
        <dd data-testid="price-data-date">
          {info?.source === 'downloaded' ? `Downloaded list dated ${info.date}` : `Bundled with the app (${status.priceDataVersion})`}
          {info && <span className="muted"> · {formatCount(info.models)} models</span>}
        </dd>
      </dl>
      <p className="muted small">
        New models and price changes arrive every month. Nothing is downloaded unless you ask here, run{' '}
        <code>tokentally prices --refresh</code>, or switch on the daily check. A download that is broken or incomplete
        leaves the prices in force as they are.
      </p>
      <p className="price-data-actions">
        <button type="button" className="btn" disabled={busy} onClick={refresh} data-testid="refresh-prices">
          Check for new prices
        </button>
        <button type="button" className="btn" disabled={busy} onClick={reprice} data-testid="reprice-stored">
          Re-price stored calls
        </button>
      </p>
      <label className="check">
        <input type="checkbox" checked={settings.priceDataDailyCheck} onChange={(e) => void update({ priceDataDailyCheck: e.target.checked })} />
        <span>
          Check for new prices once a day
          <span className="muted small block">Off by default. Stored calls are never re-priced without you.</span>
        </span>
      </label>
      {done && <p className="small form-message">{done}</p>}
      <FormError error={error} />
    </section>
  );
}
