import type { ApiEvent } from '../../../shared/api/contract.js';
import { throttle } from '../../../shared/throttle.js';
import { getClient } from '../api/client';
import { useBreakEven } from './breakeven';
import { useBudgets } from './budgets';
import { useKeys } from './keys';
import { useOverview } from './overview';
import { usePacing } from './pacing';
import { useProviderCatalog } from './provider-catalog';
import { useProviders } from './providers';
import { useReconciliation } from './reconciliation';
import { useSavedPlans } from './saved-plans';
import { useSettings } from './settings';
import { useSummary } from './summary';
import { useUsage } from './usage';
import { useGuard } from './guard';
import { useSessions } from './sessions';

/**
 * A proxy under load reports calls many times a second; one refetch per interval is enough (the
 * tray's pace too): each refetch is queries on the core's thread, which the proxy shares.
 */
const REFRESH_INTERVAL_MS = 500;
/** Without events the day still rolls over and "today" must follow; refresh now and then. */
const IDLE_REFRESH_MS = 60_000;

/** Keep every store in step with the core's change events. Returns a stop function. */
export function startLiveUpdates(): () => void {
  const refreshUsage = throttle(() => {
    void useSummary.getState().load();
    if (useUsage.getState().loaded) void useUsage.getState().reload();
    void useOverview.getState().refresh();
    // Stores refresh only what has been on screen: the glance pays for itself alone.
    void usePacing.getState().refresh();
    void useSavedPlans.getState().refresh();
    void useBreakEven.getState().refresh();
    void useReconciliation.getState().refresh();
    void useSessions.getState().refresh();
  }, REFRESH_INTERVAL_MS);

  const onEvent = (event: ApiEvent) => {
    switch (event.type) {
      case 'usage-changed':
        refreshUsage();
        break;
      case 'ledger-changed':
        void useSummary.getState().load();
        void useSettings.getState().loadStatus();
        break;
      case 'settings-changed':
        void useSettings.getState().load();
        // Custom providers are settings: the provider menus follow.
        void useProviderCatalog.getState().load();
        refreshUsage(); // the time zone decides what "today" is
        break;
      case 'budgets-changed':
        void useBudgets.getState().load();
        void useSummary.getState().load();
        void usePacing.getState().refresh();
        void useSavedPlans.getState().refresh();
        break;
      case 'windows-changed':
        refreshUsage();
        break;
      case 'guard-alert':
      case 'guard-changed':
        void useGuard.getState().refresh();
        void useSummary.getState().load();
        break;
      case 'window-alert':
      case 'alert':
        void useSummary.getState().load();
        void usePacing.getState().refresh();
        break;
      case 'keys-changed':
        void useKeys.getState().load();
        void useSettings.getState().loadStatus();
        void useProviders.getState().refresh();
        break;
      case 'sync-changed':
        // Provider reports change spend (unseen by the proxy) and the credit balances.
        void useProviders.getState().refresh();
        refreshUsage();
        break;
      case 'import-changed':
        void useBreakEven.getState().refreshImport();
        refreshUsage();
        break;
      case 'proxy-status': {
        const summary = useSummary.getState().summary;
        if (summary) useSummary.setState({ summary: { ...summary, proxy: event.status } });
        void useSettings.getState().loadStatus();
        break;
      }
    }
  };

  const unsubscribe = getClient().onEvent(onEvent);
  const idle = setInterval(() => {
    if (document.visibilityState === 'visible') refreshUsage();
  }, IDLE_REFRESH_MS);
  const onVisible = () => {
    if (document.visibilityState === 'visible') refreshUsage();
  };
  document.addEventListener('visibilitychange', onVisible);

  return () => {
    unsubscribe();
    clearInterval(idle);
    document.removeEventListener('visibilitychange', onVisible);
    refreshUsage.cancel();
  };
}
