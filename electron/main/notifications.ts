import { Notification } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';

/**
 * Budget, plan-window and loop-guard alerts as native notifications. The core raises each alert once per threshold and
 * period; this only shows them. Shown notifications are held until closed: a notification
 * object that is garbage-collected loses its click handler (electron/electron#12690).
 */
export function showAlertNotifications(onEvent: (listener: (event: ApiEvent) => void) => () => void, onClick: (event: ApiEvent) => void): () => void {
  const shown = new Set<Notification>();
  return onEvent((event) => {
    if ((event.type !== 'alert' && event.type !== 'window-alert' && event.type !== 'guard-alert') || !Notification.isSupported()) return;
    const title = event.type === 'alert' ? 'Tokentally budget alert' : event.type === 'window-alert' ? 'Tokentally plan limit' : 'Tokentally: a runaway loop?';
    const n = new Notification({ title, body: event.message });
    shown.add(n);
    n.on('click', () => onClick(event));
    n.on('close', () => shown.delete(n));
    n.show();
  });
}
