import { useEffect } from 'react';
import { schedulePricing } from '../../state/scenario';
import { CompareCard } from './CompareCard';
import { RepriceCard } from './RepriceCard';
import { SavedPlansCard } from './SavedPlansCard';
import { ScenarioEditor } from './ScenarioEditor';

export function ScenariosTab() {
  // Price what is in the editor when the tab opens (price overrides may have changed meanwhile).
  useEffect(() => schedulePricing(0), []);
  return (
    <>
      <p className="lede">
        Describe workloads as requests a month and tokens per request; see what they cost, and what they would cost on
        other models. Prices come from the bundled price data and your overrides.
      </p>
      <ScenarioEditor />
      <CompareCard />
      <SavedPlansCard />
      <RepriceCard />
    </>
  );
}
