/**
 * Where the glance window goes, menubar-style: at the tray icon, on the side of the bar the icon
 * sits in, always fully inside the work area of the display holding the icon. Pure, so the rules
 * (each one a bug seen in max-mapper/menubar or electron) are tested without a screen.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Size {
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export type TaskbarEdge = 'top' | 'bottom' | 'left' | 'right';

/** How far the click may be from the reported tray bounds before the bounds are not believed. */
const TRUST_BOUNDS_WITHIN_PX = 64;

/**
 * The rectangle to anchor on. Linux reports tray bounds as all zeros (electron#15003,
 * menubar#123: the window opened in a screen corner), and Windows sometimes reports y=0 for a
 * bottom taskbar or a hidden overflow area (electron#16155): in both cases the cursor, which
 * just clicked the icon, is the better anchor.
 */
export function resolveTrayAnchor(trayBounds: Rect | null | undefined, cursor: Point): Rect {
  const cursorRect = { x: cursor.x, y: cursor.y, width: 0, height: 0 };
  if (!trayBounds || trayBounds.width <= 0 || trayBounds.height <= 0) return cursorRect;
  const dx = Math.max(trayBounds.x - cursor.x, 0, cursor.x - (trayBounds.x + trayBounds.width));
  const dy = Math.max(trayBounds.y - cursor.y, 0, cursor.y - (trayBounds.y + trayBounds.height));
  return Math.hypot(dx, dy) > TRUST_BOUNDS_WITHIN_PX ? cursorRect : trayBounds;
}

/**
 * Which edge of the work area the tray sits on. The bar is the part of the display outside the
 * work area, so the tray lies beyond one of its edges; with an auto-hiding bar (tray inside the
 * work area) the nearest edge wins. menubar assumed "Linux = top" and "Windows = bottom unless
 * the work area is offset", which put the window at the wrong end for bottom panels on Linux
 * (menubar#123) and for left taskbars (menubar#343).
 */
export function taskbarEdge(anchor: Rect, workArea: Rect, platform: string): TaskbarEdge {
  // The macOS menu bar is always at the top, even when it auto-hides.
  if (platform === 'darwin') return 'top';
  const cx = anchor.x + anchor.width / 2;
  const cy = anchor.y + anchor.height / 2;
  const distances: Array<[TaskbarEdge, number]> = [
    ['top', cy - workArea.y],
    ['bottom', workArea.y + workArea.height - cy],
    ['left', cx - workArea.x],
    ['right', workArea.x + workArea.width - cx],
  ];
  // Outside the work area the distance to that edge is negative: the smallest one wins either way.
  distances.sort((a, b) => a[1] - b[1]);
  return distances[0]![0];
}

/**
 * Top-left corner of the glance window. Below the tray for top bars (macOS, GNOME), above it for
 * bottom taskbars (Windows default, KDE), beside it for vertical taskbars; then clamped inside the
 * work area of the tray's own display, which may sit at negative coordinates left of or above the
 * primary one. Rounded, because BrowserWindow.setPosition rejects fractions (scaled displays
 * report fractional DIP bounds).
 */
export function placeGlanceWindow(trayBounds: Rect, windowSize: Size, workArea: Rect, platform: string): Point {
  const edge = taskbarEdge(trayBounds, workArea, platform);
  const centreX = trayBounds.x + trayBounds.width / 2 - windowSize.width / 2;
  const centreY = trayBounds.y + trayBounds.height / 2 - windowSize.height / 2;
  let x: number;
  let y: number;
  switch (edge) {
    case 'top':
      x = centreX;
      y = trayBounds.y + trayBounds.height;
      break;
    case 'bottom':
      x = centreX;
      y = trayBounds.y - windowSize.height;
      break;
    case 'left':
      x = trayBounds.x + trayBounds.width;
      y = centreY;
      break;
    case 'right':
      x = trayBounds.x - windowSize.width;
      y = centreY;
      break;
  }
  return {
    x: Math.round(clamp(x, workArea.x, workArea.x + workArea.width - windowSize.width)),
    y: Math.round(clamp(y, workArea.y, workArea.y + workArea.height - windowSize.height)),
  };
}

/**
 * Keep [value, value + size] inside [min, max + size]. A window larger than the work area keeps
 * its top-left corner visible (title and first rows), rather than being pushed off the start.
 */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
