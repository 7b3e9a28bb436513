/**
 * Plan-window notifications: after snapshots are stored, the windows' latest readings are checked
 * against the thresholds (Settings.windowAlerts) and each notification due is recorded once and
 * sent (ApiEvent 'window-alert': the UI, Electron's notifications; a log line headless).
 */
import type { ApiEvent } from '../../../shared/api/contract.js';
import { windowAlertsDue } from '../../../shared/windows/window-alerts.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings } from '../ledger/settings-repo.js';
import { planWindows } from './windows-report.js';
import { recordWindowAlert, sentWindowAlerts } from './window-store.js';

export function checkWindowAlerts(db: Db, now: number, emit: (event: ApiEvent) => void, log: (line: string) => void): number {
  const { settings } = readSettings(db);
  const windows = planWindows(db, now, settings).map((w) => ({
    provider: w.provider,
    account: w.account,
    window: w.window,
    label: `${w.accountLabel} ${w.label}`,
    used: w.used,
    resetsAt: w.resetsAt === null ? null : Date.parse(w.resetsAt),
    blocked: w.blocked,
    stale: w.stale,
  }));
  const due = windowAlertsDue(windows, settings.windowAlerts, sentWindowAlerts(db), now, settings.timezone);
  let sent = 0;
  for (const alert of due) {
    let fresh = false;
    db.transaction(() => {
      for (const level of alert.levels) fresh = recordWindowAlert(db, { ...alert, level, at: now }) || fresh;
    })();
    // Another process (the CLI, a second app) may have sent it already.
    if (!fresh) continue;
    sent++;
    log(`alert: ${alert.message}`);
    emit({ type: 'window-alert', message: alert.message });
  }
  return sent;
}
