/**
 * On Windows and Linux, clicking the tray while the glance is open first blurs the glance (which
 * hides it) and only then delivers the click, which would show it again: the window flickers
 * instead of closing (menubar#274). A click arriving right after a blur-hide is the click that
 * caused it, so it closes the glance for good.
 */
export const BLUR_CLICK_WINDOW_MS = 300;

export type GlanceClickAction = 'show' | 'hide' | 'stay-hidden';

export function glanceClickAction(state: { visible: boolean; lastBlurHideAt: number | null; now: number }): GlanceClickAction {
  if (state.visible) return 'hide';
  if (state.lastBlurHideAt !== null && state.now - state.lastBlurHideAt >= 0 && state.now - state.lastBlurHideAt < BLUR_CLICK_WINDOW_MS) {
    return 'stay-hidden';
  }
  return 'show';
}
