import { ProxyStatusLine } from '../../components/ProxyStatusLine';
import { PAGES, pageHref, type Page } from '../../lib/route';
import { useSummary } from '../../state/summary';
import { AdvisorPage } from '../advisor/AdvisorPage';
import { BreakEvenPage } from '../breakeven/BreakEvenPage';
import { OverviewPage } from '../overview/OverviewPage';
import { PlannerPage } from '../planner/PlannerPage';
import { RequestsPage } from '../requests/RequestsPage';
import { SessionsPage } from '../sessions/SessionsPage';
import { SettingsPage } from '../settings/SettingsPage';

const PAGE_VIEWS: Record<Page, () => React.JSX.Element> = {
  overview: OverviewPage,
  requests: RequestsPage,
  sessions: SessionsPage,
  planner: PlannerPage,
  breakeven: BreakEvenPage,
  advisor: AdvisorPage,
  settings: SettingsPage,
};

const ICONS: Record<Page, string> = {
  // 16px line icons, drawn inline so the CSP needs no image source.
  overview: 'M2 13h12M4 11V7m4 4V3m4 8V6',
  requests: 'M3 4h10M3 8h10M3 12h6',
  sessions: 'M2 3v10M2 5h6M5 8.5h7M3.5 12h4',
  planner: 'M8 2v2m0 8v2M3.5 8a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0-9 0M8 6v2l1.5 1',
  breakeven: 'M2.5 12.5l4-4 2.5 2.5 4.5-5.5M10 5.5h3.5V9',
  advisor: 'M8 2.5a3.5 3.5 0 0 0-2 6.4V11h4V8.9a3.5 3.5 0 0 0-2-6.4M6.5 13.5h3',
  settings: 'M3 5h6m3 0h1M3 11h1m3 0h6M9 3.5v3M5 9.5v3',
};

export function MainWindow({ page }: { page: Page }) {
  const proxy = useSummary((s) => s.summary?.proxy);
  const View = PAGE_VIEWS[page];
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Tokentally</span>
        </div>
        <ul className="nav">
          {PAGES.map((p) => (
            <li key={p.page}>
              <a href={pageHref(p.page)} className={p.page === page ? 'active' : undefined} aria-current={p.page === page ? 'page' : undefined} title={p.label}>
                <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                  <path d={ICONS[p.page]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                <span className="nav-label">{p.label}</span>
              </a>
            </li>
          ))}
        </ul>
        <div className="sidebar-foot">{proxy && <ProxyStatusLine proxy={proxy} />}</div>
      </nav>
      <main className="content">
        <View />
      </main>
    </div>
  );
}
