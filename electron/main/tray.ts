import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type Point, type Rectangle } from 'electron';
import type { Summary } from '../../shared/api/contract.js';
import { trayText } from '../../shared/glance/tray-text.js';

export interface TrayOptions {
  assetsDir: string;
  onClick(bounds: Rectangle | null, cursor: Point): void;
  onOpen(): void;
  onQuit(): void;
  /** Let calls through the hard caps for an hour / end that now. */
  onLiftCap(): void;
  onRestoreCap(): void;
  /** Let a tag the loop guard paused through again (null: untagged calls). */
  onResumeGuard?(tag: string | null): void;
  cursor(): Point;
}

export interface TrayHandle {
  update(summary: Summary): void;
  destroy(): void;
}

const isMac = process.platform === 'darwin';

export function createTray(options: TrayOptions): TrayHandle {
  // macOS: a black-and-alpha "Template" image that the menu bar tints for light and dark mode
  // (the @2x file is picked up automatically). Elsewhere a coloured icon, visible on any taskbar.
  const icon = nativeImage.createFromPath(path.join(options.assetsDir, isMac ? 'trayTemplate.png' : 'tray.png'));
  if (isMac) icon.setTemplateImage(true);
  const tray = new Tray(icon);
  tray.setToolTip('Tokentally');
  if (isMac) tray.setIgnoreDoubleClickEvents(true);

  let headline: string | null = null;
  let cap: 'none' | 'holding' | 'lifted' = 'none';
  let paused: (string | null)[] = [];
  const menu = () => {
    const items: MenuItemConstructorOptions[] = [];
    // Linux app indicators show neither the title nor the tooltip, and may not deliver clicks:
    // the numbers go in the menu too.
    if (headline) items.push({ label: headline, enabled: false }, { type: 'separator' });
    if (cap === 'holding') items.push({ label: 'Lift the cap for 1 hour', click: () => options.onLiftCap() }, { type: 'separator' });
    if (cap === 'lifted') items.push({ label: 'Restore the cap', click: () => options.onRestoreCap() }, { type: 'separator' });
    // Tags the loop guard paused: their calls are refused until resumed from here, the window or the CLI.
    if (paused.length > 0 && options.onResumeGuard) {
      for (const tag of paused) items.push({ label: `Resume ${tag === null ? 'untagged calls' : `"${tag}"`} (paused by the loop guard)`, click: () => options.onResumeGuard!(tag) });
      items.push({ type: 'separator' });
    }
    items.push({ label: 'Open Tokentally', click: () => options.onOpen() }, { type: 'separator' }, { label: 'Quit Tokentally', click: () => options.onQuit() });
    return Menu.buildFromTemplate(items);
  };

  // On macOS a context menu set with setContextMenu would open on left click too and swallow the
  // glance, so it pops up on right click only. Linux needs setContextMenu for the icon to show.
  if (isMac) tray.on('right-click', () => tray.popUpContextMenu(menu()));
  else tray.setContextMenu(menu());
  tray.on('click', (_event, bounds) => options.onClick(bounds ?? null, options.cursor()));

  return {
    update(summary) {
      const text = trayText(summary);
      if (isMac) tray.setTitle(` ${text.title}`, { fontType: 'monospacedDigit' });
      tray.setToolTip(text.tooltip);
      headline = text.title;
      const lifted = summary.capLiftedUntil !== null && summary.capLiftedUntil > Date.now();
      paused = (summary.guardPaused ?? []).map((p) => p.tag);
      cap = !summary.hasHardCap ? 'none' : lifted ? 'lifted' : summary.capRefusing ? 'holding' : 'none';
      // Menu items cannot be edited in place on Linux: the menu is set again.
      if (!isMac) tray.setContextMenu(menu());
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
