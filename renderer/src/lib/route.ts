import { useSyncExternalStore } from 'react';

export type Page = 'overview' | 'requests' | 'sessions' | 'planner' | 'breakeven' | 'advisor' | 'settings';
export type Route = { view: 'glance' } | { view: 'main'; page: Page };

export const PAGES: readonly { page: Page; label: string }[] = [
  { page: 'overview', label: 'Overview' },
  { page: 'requests', label: 'Requests' },
  { page: 'sessions', label: 'Sessions' },
  { page: 'planner', label: 'Planner' },
  { page: 'breakeven', label: 'Break-even' },
  { page: 'advisor', label: 'Savings' },
  { page: 'settings', label: 'Settings' },
];

/** `#/glance` is the tray popover; anything else is the main window (unknown pages → Overview). */
function parseRoute(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  if (name === 'glance') return { view: 'glance' };
  const known = PAGES.find((p) => p.page === name);
  return { view: 'main', page: known ? known.page : 'overview' };
}

export function pageHref(page: Page): string {
  return `#/${page}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** The part after the page: "scenarios" for `#/planner/scenarios`; "" when none. */
export function useSubRoute(): string {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/')[1] ?? '';
}
