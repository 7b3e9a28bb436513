import { describe, expect, it } from 'vitest';
import { BLUR_CLICK_WINDOW_MS, glanceClickAction } from '../../electron/main/glance-toggle.js';
import { placeGlanceWindow, resolveTrayAnchor, taskbarEdge, type Rect } from '../../electron/main/window-placement.js';

const glance = { width: 360, height: 480 };

// Work areas (display minus menu bar / taskbar) and tray icon bounds as Electron reports them.
const macBuiltIn: Rect = { x: 0, y: 25, width: 1440, height: 875 };
const winBottom: Rect = { x: 0, y: 0, width: 1920, height: 1040 };

describe('placeGlanceWindow', () => {
  it.each<[string, Rect, Rect, string, { x: number; y: number }]>([
    ['macOS: centred below the menu-bar icon', { x: 1100, y: 0, width: 30, height: 24 }, macBuiltIn, 'darwin', { x: 935, y: 25 }],
    ['macOS: icon near the right edge, clamped inside the screen', { x: 1400, y: 0, width: 30, height: 24 }, macBuiltIn, 'darwin', { x: 1080, y: 25 }],
    ['macOS: icon at the very left edge, clamped to x = 0', { x: 0, y: 0, width: 22, height: 24 }, macBuiltIn, 'darwin', { x: 0, y: 25 }],
    ['Windows: bottom taskbar, above the icon', { x: 1700, y: 1048, width: 24, height: 24 }, winBottom, 'win32', { x: 1532, y: 560 }],
    ['Windows: icon in the corner, clamped to the right edge', { x: 1890, y: 1048, width: 24, height: 24 }, winBottom, 'win32', { x: 1560, y: 560 }],
    ['Windows: top taskbar, below the icon', { x: 1700, y: 8, width: 24, height: 24 }, { x: 0, y: 40, width: 1920, height: 1040 }, 'win32', { x: 1532, y: 40 }],
    ['Windows: left taskbar, right of the icon', { x: 12, y: 1000, width: 24, height: 24 }, { x: 60, y: 0, width: 1860, height: 1080 }, 'win32', { x: 60, y: 600 }],
    ['Windows: right taskbar, left of the icon', { x: 1880, y: 1000, width: 24, height: 24 }, { x: 0, y: 0, width: 1860, height: 1080 }, 'win32', { x: 1500, y: 600 }],
    ['Linux: GNOME top bar, below the icon', { x: 1800, y: 0, width: 32, height: 32 }, { x: 0, y: 32, width: 1920, height: 1048 }, 'linux', { x: 1560, y: 32 }],
    ['Linux: KDE bottom panel, above the icon (menubar#123)', { x: 1700, y: 1044, width: 36, height: 36 }, { x: 0, y: 0, width: 1920, height: 1036 }, 'linux', { x: 1538, y: 556 }],
    [
      'second monitor left of the primary (negative x), bottom taskbar',
      { x: -300, y: 1048, width: 24, height: 24 },
      { x: -1920, y: 0, width: 1920, height: 1040 },
      'win32',
      { x: -468, y: 560 },
    ],
    [
      'second monitor left of the primary, icon at its left edge: clamped to x = -1920, not 0',
      { x: -1915, y: 1048, width: 24, height: 24 },
      { x: -1920, y: 0, width: 1920, height: 1040 },
      'win32',
      { x: -1920, y: 560 },
    ],
    [
      'monitor above the primary (negative y), macOS menu bar',
      { x: 500, y: -1080, width: 30, height: 24 },
      { x: 0, y: -1055, width: 1920, height: 1055 },
      'darwin',
      { x: 335, y: -1055 },
    ],
    [
      'auto-hidden bottom taskbar: the icon is inside the work area, nearest edge wins',
      { x: 1700, y: 1050, width: 24, height: 24 },
      { x: 0, y: 0, width: 1920, height: 1080 },
      'win32',
      { x: 1532, y: 570 },
    ],
  ])('%s', (_what, tray, workArea, platform, expected) => {
    expect(placeGlanceWindow(tray, glance, workArea, platform)).toEqual(expected);
  });

  it('rounds fractional coordinates of scaled displays (setPosition rejects fractions)', () => {
    const pos = placeGlanceWindow({ x: 1100.4, y: 0, width: 29.6, height: 24.2 }, glance, { x: 0, y: 24.8, width: 1440.5, height: 875.2 }, 'darwin');
    expect(Number.isInteger(pos.x)).toBe(true);
    expect(Number.isInteger(pos.y)).toBe(true);
  });

  it('keeps the top-left corner visible when the window is larger than the work area', () => {
    expect(placeGlanceWindow({ x: 300, y: 0, width: 24, height: 24 }, glance, { x: 0, y: 25, width: 320, height: 400 }, 'darwin')).toEqual({ x: 0, y: 25 });
  });

  it('always lands inside the work area', () => {
    const workArea = { x: -1280, y: -200, width: 1280, height: 1000 };
    for (let x = -1400; x <= 100; x += 37) {
      for (let y = -300; y <= 900; y += 53) {
        for (const platform of ['darwin', 'win32', 'linux']) {
          const pos = placeGlanceWindow({ x, y, width: 24, height: 24 }, glance, workArea, platform);
          expect(pos.x).toBeGreaterThanOrEqual(workArea.x);
          expect(pos.y).toBeGreaterThanOrEqual(workArea.y);
          expect(pos.x + glance.width).toBeLessThanOrEqual(workArea.x + workArea.width);
          expect(pos.y + glance.height).toBeLessThanOrEqual(workArea.y + workArea.height);
        }
      }
    }
  });
});

describe('taskbarEdge', () => {
  it('is the top on macOS even with an auto-hidden menu bar', () => {
    expect(taskbarEdge({ x: 800, y: 0, width: 24, height: 24 }, { x: 0, y: 0, width: 1440, height: 900 }, 'darwin')).toBe('top');
  });
  it('finds each side from where the icon lies outside the work area', () => {
    const area = { x: 100, y: 100, width: 1000, height: 800 };
    expect(taskbarEdge({ x: 600, y: 90, width: 10, height: 10 }, area, 'linux')).toBe('top');
    expect(taskbarEdge({ x: 600, y: 905, width: 10, height: 10 }, area, 'linux')).toBe('bottom');
    expect(taskbarEdge({ x: 90, y: 500, width: 10, height: 10 }, area, 'win32')).toBe('left');
    expect(taskbarEdge({ x: 1105, y: 500, width: 10, height: 10 }, area, 'win32')).toBe('right');
  });
});

describe('resolveTrayAnchor', () => {
  const cursor = { x: 1712, y: 1060 };
  it('uses the cursor when Linux reports empty tray bounds (electron#15003)', () => {
    expect(resolveTrayAnchor({ x: 0, y: 0, width: 0, height: 0 }, cursor)).toEqual({ x: 1712, y: 1060, width: 0, height: 0 });
    expect(resolveTrayAnchor(null, cursor)).toEqual({ x: 1712, y: 1060, width: 0, height: 0 });
  });
  it('uses the cursor when the reported bounds are far from the click (Windows y = 0)', () => {
    expect(resolveTrayAnchor({ x: 1700, y: 0, width: 24, height: 24 }, cursor)).toEqual({ x: 1712, y: 1060, width: 0, height: 0 });
  });
  it('keeps bounds that contain or touch the click', () => {
    const bounds = { x: 1700, y: 1048, width: 24, height: 24 };
    expect(resolveTrayAnchor(bounds, cursor)).toBe(bounds);
    expect(resolveTrayAnchor(bounds, { x: 1690, y: 1040 })).toBe(bounds);
  });
  it('places a cursor anchor sensibly: above a bottom taskbar on Linux', () => {
    const anchor = resolveTrayAnchor({ x: 0, y: 0, width: 0, height: 0 }, cursor);
    expect(placeGlanceWindow(anchor, glance, { x: 0, y: 0, width: 1920, height: 1044 }, 'linux')).toEqual({ x: 1532, y: 564 });
  });
});

describe('glanceClickAction', () => {
  it('hides a visible glance', () => {
    expect(glanceClickAction({ visible: true, lastBlurHideAt: null, now: 1000 })).toBe('hide');
  });
  it('shows a hidden glance', () => {
    expect(glanceClickAction({ visible: false, lastBlurHideAt: null, now: 1000 })).toBe('show');
    expect(glanceClickAction({ visible: false, lastBlurHideAt: 1000, now: 1000 + BLUR_CLICK_WINDOW_MS })).toBe('show');
  });
  it('does not reopen a glance that the same click just blurred away (menubar#274)', () => {
    expect(glanceClickAction({ visible: false, lastBlurHideAt: 1000, now: 1000 + 40 })).toBe('stay-hidden');
  });
  it('ignores a blur time in the future (clock changed)', () => {
    expect(glanceClickAction({ visible: false, lastBlurHideAt: 5000, now: 1000 })).toBe('show');
  });
});
