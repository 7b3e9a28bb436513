import type { ApiEvent } from '../../../shared/api/contract.js';
import { getClient } from '../api/client';
import { useBudgets } from './budgets';
import { useKeys } from './keys';
import { useOverview } from './overview';
import { useSettings } from './settings';
import { useSummary } from './summary';
import { useUsage } from './usage';

/** A proxy under load reports many calls a second; one refetch per burst is enough. */
const DEBOUNCE_MS = 200;
/** Without events the day still rolls over and "today" must follow; refresh now and then. */
const IDLE_REFRESH_MS = 60_000;

/** Keep every store in step with the core's change events. Returns a stop function. */
export function startLiveUpdates(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;

  const refreshUsage = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void useSummary.getState().load();
      if (useUsage.getState().loaded) void useUsage.getState().reload();
      void useOverview.getState().refresh();
    }, DEBOUNCE_MS);
  };

  const onEvent = (event: ApiEvent) => {
    switch (event.type) {
      case 'usage-changed':
        refreshUsage();
        break;
      case 'settings-changed':
        void useSettings.getState().load();
        refreshUsage(); // the time zone decides what "today" is
        break;
      case 'budgets-changed':
        void useBudgets.getState().load();
        void useSummary.getState().load();
        break;
      case 'keys-changed':
        void useKeys.getState().load();
        void useSettings.getState().loadStatus();
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
    if (timer) clearTimeout(timer);
  };
}
