/**
 * The Electron side of budgets, against a small fake of Electron: alerts become native
 * notifications, and the tray menu offers to lift the hard cap for an hour or restore it.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent, Summary } from '../../shared/api/contract.js';

const fake = vi.hoisted(() => ({
  supported: true,
  shown: [] as { title: string; body: string; emit(event: string): void }[],
  menus: [] as { label?: string; click?: () => void }[][],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Notification extends Emitter {
    static isSupported = () => fake.supported;
    title: string;
    body: string;
    constructor(options: { title: string; body: string }) {
      super();
      this.title = options.title;
      this.body = options.body;
    }
    show() {
      fake.shown.push(this);
    }
  }
  class Tray extends Emitter {
    setToolTip() {}
    setTitle() {}
    setIgnoreDoubleClickEvents() {}
    popUpContextMenu() {}
    setContextMenu(menu: { items: { label?: string; click?: () => void }[] }) {
      fake.menus.push(menu.items);
    }
    isDestroyed() {
      return false;
    }
    destroy() {}
  }
  return {
    Notification,
    Tray,
    Menu: { buildFromTemplate: (items: unknown[]) => ({ items }) },
    nativeImage: { createFromPath: () => ({ setTemplateImage() {} }) },
  };
});

const { showAlertNotifications } = await import('../../electron/main/notifications.js');
const { createTray } = await import('../../electron/main/tray.js');

describe('alert notifications', () => {
  it('shows each alert event as a notification whose click opens the app; ignores other events', () => {
    const bus = new EventEmitter();
    const onEvent = (listener: (e: ApiEvent) => void) => {
      bus.on('e', listener);
      return () => bus.off('e', listener);
    };
    const clicked = vi.fn();
    const stop = showAlertNotifications(onEvent, clicked);
    bus.emit('e', { type: 'usage-changed', count: 1 });
    bus.emit('e', { type: 'alert', id: 7, message: 'Overall budget: 90% used ($90.00 of $100.00), 3 days left.' });
    expect(fake.shown.map((n) => [n.title, n.body])).toEqual([['Tokentally budget alert', 'Overall budget: 90% used ($90.00 of $100.00), 3 days left.']]);
    fake.shown[0]!.emit('click');
    expect(clicked).toHaveBeenCalledTimes(1);
    bus.emit('e', { type: 'guard-alert', tag: 'looper', paused: true, message: '"looper" sent the same request 8 times in 1 minute. Its calls are paused until you resume them.' });
    expect(fake.shown.at(-1)!.title).toBe('Tokentally: a runaway loop?');
    fake.shown.splice(1);

    fake.supported = false;
    bus.emit('e', { type: 'alert', id: 8, message: 'no notification service' });
    expect(fake.shown).toHaveLength(1);
    fake.supported = true;
    stop();
    bus.emit('e', { type: 'alert', id: 9, message: 'after stop' });
    expect(fake.shown).toHaveLength(1);
  });
});

describe.skipIf(process.platform === 'darwin')('the tray menu and the hard cap', () => {
  function summary(over: Partial<Summary>): Summary {
    return {
      now: Date.now(),
      tz: 'UTC',
      period: { start: '2026-03-01', end: '2026-03-31', daysTotal: 31, daysLeft: 10 },
      spentNano: 0,
      todaySpentNano: 0,
      budgetNano: 10_000_000_000,
      remainingNano: 10_000_000_000,
      todayAllowanceNano: 0,
      subscriptionCostNano: 0,
      requestsToday: 0,
      unpricedThisPeriod: 0,
      topModelsToday: [],
      proxy: { listening: true, url: null, port: null, error: null },
      pacing: null,
      lastAlert: null,
      capLiftedUntil: null,
      hasHardCap: false,
      ...over,
    };
  }

  it('offers "Lift the cap for 1 hour" while a hard cap refuses calls, "Restore the cap" while lifted, nothing otherwise', () => {
    const lift = vi.fn();
    const restore = vi.fn();
    const tray = createTray({ assetsDir: '/nowhere', onClick() {}, onOpen() {}, onQuit() {}, onLiftCap: lift, onRestoreCap: restore, cursor: () => ({ x: 0, y: 0 }) });
    const labels = () => fake.menus.at(-1)!.map((i) => i.label ?? '—');
    const item = (label: string) => fake.menus.at(-1)!.find((i) => i.label === label)!;

    tray.update(summary({}));
    expect(labels()).toEqual(['$10.00 left · $0.00 today', '—', 'Open Tokentally', '—', 'Quit Tokentally']);

    // A hard cap with room left refuses nothing: nothing to lift.
    tray.update(summary({ hasHardCap: true, capRefusing: false }));
    expect(labels()).toEqual(['$10.00 left · $0.00 today', '—', 'Open Tokentally', '—', 'Quit Tokentally']);

    tray.update(summary({ hasHardCap: true, capRefusing: true }));
    expect(labels()).toEqual(['$10.00 left · $0.00 today', '—', 'Lift the cap for 1 hour', '—', 'Open Tokentally', '—', 'Quit Tokentally']);
    item('Lift the cap for 1 hour').click!();
    expect(lift).toHaveBeenCalledTimes(1);

    tray.update(summary({ hasHardCap: true, capLiftedUntil: Date.now() + 3_600_000 }));
    expect(labels()).toContain('Restore the cap');
    item('Restore the cap').click!();
    expect(restore).toHaveBeenCalledTimes(1);

    // A lift that has run out reads as holding again.
    tray.update(summary({ hasHardCap: true, capRefusing: true, capLiftedUntil: Date.now() - 1 }));
    expect(labels()).toContain('Lift the cap for 1 hour');
  });

  it('offers "Resume" for each tag the loop guard paused', () => {
    const resume = vi.fn();
    const tray = createTray({ assetsDir: '/nowhere', onClick() {}, onOpen() {}, onQuit() {}, onLiftCap() {}, onRestoreCap() {}, onResumeGuard: resume, cursor: () => ({ x: 0, y: 0 }) });
    const labels = () => fake.menus.at(-1)!.map((i) => i.label ?? '—');
    const reason = 'sent the same request 8 times in 1 minute';
    tray.update(summary({ guardPaused: [{ tag: 'looper', pausedAt: '2026-12-07T10:00:00.000Z', reason }, { tag: null, pausedAt: '2026-12-07T10:00:00.000Z', reason }] }));
    expect(labels()).toEqual([
      '$10.00 left · $0.00 today',
      '—',
      'Resume "looper" (paused by the loop guard)',
      'Resume untagged calls (paused by the loop guard)',
      '—',
      'Open Tokentally',
      '—',
      'Quit Tokentally',
    ]);
    fake.menus.at(-1)!.find((i) => i.label === 'Resume "looper" (paused by the loop guard)')!.click!();
    expect(resume).toHaveBeenCalledWith('looper');
    tray.update(summary({ guardPaused: [] }));
    expect(labels()).not.toContain('Resume "looper" (paused by the loop guard)');
  });
});
