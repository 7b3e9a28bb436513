import { useEffect } from 'react';
import { AccessDenied } from './components/AccessDenied';
import { useRoute } from './lib/route';
import { useConnection } from './state/connection';
import { startLiveUpdates } from './state/live';
import { useProviderCatalog } from './state/provider-catalog';
import { useSummary } from './state/summary';
import { GlanceView } from './views/glance/GlanceView';
import { MainWindow } from './views/shell/MainWindow';

export function App() {
  const route = useRoute();
  const denied = useConnection((s) => s.denied);
  const offline = useConnection((s) => s.offline);
  // Provider names and menus come from the core's registry: the tree re-renders once it is here.
  useProviderCatalog((s) => s.providers);

  useEffect(() => {
    // Turned away: stop listening, or the event stream would knock on the door every few seconds.
    if (denied) return;
    void useSummary.getState().load();
    void useProviderCatalog.getState().load();
    return startLiveUpdates();
  }, [denied]);

  useEffect(() => {
    document.body.dataset.view = route.view;
  }, [route.view]);

  if (denied) return <AccessDenied />;
  return (
    <>
      {offline && (
        <div className="offline-banner" role="alert">
          {offline}
        </div>
      )}
      {route.view === 'glance' ? <GlanceView /> : <MainWindow page={route.page} />}
    </>
  );
}
