/**
 * What the e2e suites check of every page they open: nothing sticks out of its card or is
 * clipped inside it, the page never scrolls sideways, and a screenshot in light and dark is
 * saved under test-results/ by the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results');

/** The boxes nothing may leave: cards, the first-run panel, the glance and its parts, the page's head, filters and totals. */
const CONTAINERS = ['.card', '.empty-state', '.detail', 'main.glance', '.glance > header', '.glance > section', '.glance > footer', '.page-head', '.filters', '.totals'];

/**
 * Every element that leaves its container box (by more than a pixel, either way) or whose content
 * is wider than itself where it hides or scrolls what does not fit (a clipped cell, a cut line),
 * and a sideways scroll of the page. Form fields are left alone: a long value scrolls inside its
 * field by nature. Chart internals (SVG) are checked as one box.
 */
async function layoutProblems(page: Page, containers: readonly string[] = CONTAINERS): Promise<string[]> {
  return page.evaluate((selectors) => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const id = el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 || r.height > 0;
    };
    const seen = new Set<Element>();
    for (const container of Array.from(document.querySelectorAll(selectors.join(',')))) {
      if (!visible(container)) continue;
      const box = container.getBoundingClientRect();
      for (const el of Array.from(container.querySelectorAll('*'))) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        if (el.closest('datalist, select, option, template')) continue;
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        const out = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom);
        if (out > 1 && !seen.has(el)) {
          seen.add(el);
          problems.push(`${name(el)} leaves ${name(container).slice(0, 60)} by ${Math.round(out)}px`);
        }
        const style = getComputedStyle(el);
        const field = /^(input|textarea|select)$/i.test(el.tagName);
        const hides = ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
        if (!field && hides && el.scrollWidth > el.clientWidth + 1 && !seen.has(el)) {
          seen.add(el);
          problems.push(`${name(el)} is clipped: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
        }
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth}px in ${window.innerWidth}px)`);
    return problems;
  }, containers);
}

/** Where the screenshot `file` is saved: test-results/, made when missing. */
export function screenshotPath(file: string): string {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, file);
}

/** A screenshot in light and in dark; `whole`: the viewport grown to the content first (the main window scrolls inside .content). */
export async function shootBoth(page: Page, name: string, whole = false): Promise<void> {
  const viewport = page.viewportSize()!;
  if (whole) {
    const height = await page.evaluate(() => Math.max(document.querySelector('.content')?.scrollHeight ?? 0, document.documentElement.scrollHeight));
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
    // Charts measure their box and draw on the next frames.
    await page.waitForTimeout(300);
  }
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: screenshotPath(`${name}-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(viewport);
}

/** Checks the layout at the current size, then saves the screenshots: both, every time a page is looked at. */
export async function checkAndShoot(page: Page, name: string, options: { whole?: boolean } = {}): Promise<string[]> {
  const problems = await layoutProblems(page);
  await shootBoth(page, name, options.whole);
  return problems.map((p) => `${name}: ${p}`);
}
