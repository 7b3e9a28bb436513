import { useEffect } from 'react';
import { useSubRoute } from '../../lib/route';
import { useSettings } from '../../state/settings';
import { AboutSection } from './AboutSection';
import { ConnectSection } from './ConnectSection';
import { CustomProvidersSection } from './CustomProvidersSection';
import { GeneralSection } from './GeneralSection';
import { PriceDataSection } from './PriceDataSection';
import { PriceOverridesSection } from './PriceOverridesSection';
import { ProvidersSection } from './ProvidersSection';
import { SubscriptionsSection } from './SubscriptionsSection';
import { PlanCatalogSection } from './PlanCatalogSection';
import { PlanLimitsSection } from './PlanLimitsSection';
import { UpstreamsSection } from './UpstreamsSection';
import { SyncSection } from './SyncSection';

export function SettingsPage() {
  const { settings, status, error } = useSettings();
  const section = useSubRoute();
  const ready = settings !== null && status !== null;
  useEffect(() => void useSettings.getState().load(), []);
  // `#/settings/providers` opens at that section (links from the overview and the break-even page).
  useEffect(() => {
    if (ready && section) document.getElementById(section)?.scrollIntoView({ block: 'start' });
  }, [ready, section]);

  return (
    <div className="page page-narrow">
      <header className="page-head">
        <h1>Settings</h1>
      </header>
      {error && <p className="notice notice-error">{error}</p>}
      {!settings || !status ? (
        !error && <p className="muted">Loading…</p>
      ) : (
        <>
          <ConnectSection status={status} />
          {/* Keyed on the stored values so a change from elsewhere (CLI, another window) resets the drafts. */}
          <GeneralSection key={`${settings.timezone}|${settings.proxyPort}|${settings.proxyCors}`} settings={settings} proxy={status.proxy} />
          <ProvidersSection keyStore={status.keyStore} settings={settings} />
          <SubscriptionsSection settings={settings} />
          <PlanLimitsSection key={settings.windowAlerts.join(',')} settings={settings} />
          <PlanCatalogSection settings={settings} />
          <UpstreamsSection key={JSON.stringify(settings.upstreams)} settings={settings} inForce={status.upstreams ?? []} />
          <CustomProvidersSection settings={settings} proxyUrl={status.proxy.url} />
          <PriceOverridesSection settings={settings} />
          <PriceDataSection status={status} settings={settings} />
          <SyncSection />
          <AboutSection status={status} />
        </>
      )}
    </div>
  );
}
