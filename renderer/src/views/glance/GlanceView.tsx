import { formatCountOf } from '../../../../shared/format.js';
import { EmptyState } from '../../components/EmptyState';
import { ProxyStatusLine } from '../../components/ProxyStatusLine';
import { UnpricedWarning } from '../../components/UnpricedWarning';
import { formatPeriod } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useSummary } from '../../state/summary';
import { GlanceAdvisor } from './GlanceAdvisor';
import { GlanceGuard } from './GlanceGuard';
import { GlanceAlert } from './GlanceAlert';
import { GlanceBalances } from './GlanceBalances';
import { GlanceBreakEven } from './GlanceBreakEven';
import { GlanceBudget } from './GlanceBudget';
import { GlanceCap } from './GlanceCap';
import { GlanceLedger } from './GlanceLedger';
import { GlanceRunway } from './GlanceRunway';
import { GlanceTopModels } from './GlanceTopModels';

/** The tray popover: what is left this period, the pace, and how today is going, at a glance. */
export function GlanceView() {
  const { summary, ledgerEmpty, error } = useSummary();
  if (!summary) {
    return <main className="glance">{error ? <p className="notice notice-error">{error}</p> : <p className="muted">Loading…</p>}</main>;
  }
  const s = summary;

  return (
    // data-now: the instant these figures are for (tests recompute them for the same instant).
    <main className="glance" data-now={s.now}>
      <header className="glance-head">
        <span className="brand-mark" aria-hidden="true" />
        <span className="glance-title">Tokentally</span>
        <span className="glance-period muted">
          {formatPeriod(s.period.start, s.period.end)} · {formatCountOf(s.period.daysLeft, 'day')} left
        </span>
      </header>

      <GlanceLedger summary={s} />
      {ledgerEmpty ? (
        <EmptyState proxy={s.proxy} compact />
      ) : (
        <>
          <GlanceGuard summary={s} />
          <GlanceCap summary={s} />
          <GlanceRunway summary={s} />
          <GlanceBudget summary={s} />
          <GlanceTopModels summary={s} />
          <GlanceBreakEven now={s.now} />
          <GlanceAdvisor summary={s} />
          <GlanceBalances balances={s.balances} />
          <GlanceAlert summary={s} />
          <UnpricedWarning count={s.unpricedThisPeriod} compact />
        </>
      )}

      <footer className="glance-foot">
        <ProxyStatusLine proxy={s.proxy} />
        {/* A new window: Electron's window-open handler shows the main window at this route; a
            browser opens a tab, and rel="opener" lets it inherit the session's access token. */}
        <a className="glance-open" href={pageHref('overview')} target="_blank" rel="opener" data-testid="open-dashboard">
          Open dashboard →
        </a>
      </footer>
    </main>
  );
}
