import { useEffect } from 'react';
import { pageHref, useSubRoute } from '../../lib/route';
import { useBudgets } from '../../state/budgets';
import { usePacing } from '../../state/pacing';
import { useSavedPlans } from '../../state/saved-plans';
import { useSettings } from '../../state/settings';
import { BudgetsTab } from './BudgetsTab';
import { ScenariosTab } from './ScenariosTab';

const TABS = [
  { id: '', label: 'Budgets & pace' },
  { id: 'scenarios', label: 'Scenarios' },
] as const;

/** Set budgets and watch the pace; plan what workloads would cost. */
export function PlannerPage() {
  const sub = useSubRoute();
  const tab = TABS.find((t) => t.id === sub) ?? TABS[0];
  useEffect(() => {
    void useBudgets.getState().load();
    void useSettings.getState().load();
    void usePacing.getState().load();
    void useSavedPlans.getState().load();
  }, []);

  return (
    <div className="page">
      <header className="page-head">
        <h1>Planner</h1>
        <nav className="segmented" aria-label="Planner sections">
          {TABS.map((t) => (
            <a key={t.id} href={t.id ? `${pageHref('planner')}/${t.id}` : pageHref('planner')} className={t.id === tab.id ? 'active' : undefined} aria-current={t.id === tab.id ? 'page' : undefined}>
              {t.label}
            </a>
          ))}
        </nav>
      </header>
      {tab.id === 'scenarios' ? <ScenariosTab /> : <BudgetsTab />}
    </div>
  );
}
