import { Notification } from 'electron';
import type { ApiEvent } from '../../shared/api/contract.js';

/**
 * Budget and plan-window alerts as native notifications. The core raises each alert once per threshold and
 * period; this only shows them. Shown notifications are held until closed: a notification
 * object that is garbage-collected loses its click handler (electron/electron#12690).
 */
export function showAlertNotifications(onEvent: (listener: (event: ApiEvent) => void) => () => void, onClick: () => void): () => void {
  const shown = new Set<Notification>();
  return onEvent((event) => {
    if ((event.type !== 'alert' && event.type !== 'window-alert') || !Notification.isSupported()) return;
    const n = new Notification({ title: event.type === 'alert' ? 'Tokentally budget alert' : 'Tokentally plan limit', body: event.message });
    shown.add(n);
    n.on('click', () => onClick());
    n.on('close', () => shown.delete(n));
    n.show();
  });
}
