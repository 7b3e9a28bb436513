import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import type { WindowAccountLabel } from '../../../../shared/api/contract-windows.js';
import { SaveActions, useSaveAction } from '../../components/FormMessage';
import { getClient } from '../../api/client';
import { useSettings } from '../../state/settings';

interface Account {
  provider: string;
  account: string;
  shown: string;
}

/**
 * Plan limits: when a plan window notifies (percent of the window, once per window and reset; a
 * refused window always does) and what each plan account is called (the responses name an
 * organization id, which means nothing to a person).
 */
export function PlanLimitsSection({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const [thresholds, setThresholds] = useState(settings.windowAlerts.join(', '));
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [message, run] = useSaveAction();
  const key = (a: { provider: string; account: string }) => `${a.provider}/${a.account}`;

  useEffect(() => {
    void getClient()
      .listWindows()
      .then((r) => {
        const seen = new Map<string, Account>();
        for (const w of r.windows) seen.set(key(w), { provider: w.provider, account: w.account, shown: w.accountLabel });
        setAccounts([...seen.values()]);
      })
      .catch(() => setAccounts([]));
  }, []);
  useEffect(() => setLabels(Object.fromEntries(settings.windowAccounts.map((l) => [key(l), l.label]))), [settings.windowAccounts]);

  const stored = Object.fromEntries(settings.windowAccounts.map((l) => [key(l), l.label]));
  const dirty = thresholds !== settings.windowAlerts.join(', ') || accounts.some((a) => (labels[key(a)] ?? '') !== (stored[key(a)] ?? ''));

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const parts = thresholds
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    const windowAlerts = parts.map(Number);
    if (windowAlerts.some((t) => !Number.isFinite(t) || t <= 0 || t > 100)) {
      void run(async () => 'Thresholds are percentages above 0 and at most 100, e.g. 50, 75, 90.');
      return;
    }
    // Labels of accounts not listed now (not seen lately) are kept.
    const windowAccounts: WindowAccountLabel[] = settings.windowAccounts.filter((l) => !accounts.some((a) => key(a) === key(l)));
    for (const a of accounts) {
      const label = (labels[key(a)] ?? '').trim();
      if (label) windowAccounts.push({ provider: a.provider, account: a.account, label });
    }
    void run(() => update({ windowAlerts, windowAccounts }));
  };

  return (
    <section className="card" id="plan-limits">
      <div className="card-head">
        <h2>Plan limits</h2>
      </div>
      <p className="muted small">
        The 5-hour and weekly windows of your Claude and ChatGPT plans, as the proxy, the Codex logs and Claude Code report them. A notification comes once per window and reset at each threshold, and when a window refuses calls.
      </p>
      <form className="form-grid" onSubmit={save} data-testid="plan-limits-form">
        <label className="field">
          <span className="field-label">Notify at (% of a window)</span>
          <input name="windowAlerts" value={thresholds} onChange={(e) => setThresholds(e.target.value)} placeholder="50, 75, 90" />
        </label>
        {accounts.map((a) => (
          <label className="field" key={key(a)}>
            <span className="field-label">
              Name for {a.provider} account {a.account === 'default' ? '' : <code>{a.account}</code>}
            </span>
            <input name={`label-${key(a)}`} value={labels[key(a)] ?? ''} placeholder={a.shown} onChange={(e) => setLabels({ ...labels, [key(a)]: e.target.value })} />
          </label>
        ))}
        <SaveActions dirty={dirty} message={message} />
      </form>
    </section>
  );
}
