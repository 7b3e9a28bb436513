import { app, session, shell, type WebContents } from 'electron';
import { contentSecurityPolicy } from './csp.js';
import { isSafeExternalUrl } from './external-links.js';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no
 * navigation away from our renderer, no new windows (http(s) links go to the OS browser),
 * no <webview>, no permission prompts, a CSP on every HTTP response. The file:// renderer cannot
 * get a CSP header this way, so renderer/index.html carries the same policy in a meta tag.
 */
export interface SecurityOptions {
  isTrustedUrl: (url: string) => boolean;
  devUrl: URL | null;
  /**
   * window.open() of one of our own renderer URLs (e.g. the glance's "open Requests" link,
   * `window.open('#/requests')`): shown in the main window instead of a new one.
   */
  openInMainWindow: (url: string) => void;
}

export function installSecurity({ isTrustedUrl, devUrl, openInMainWindow }: SecurityOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isTrustedUrl, openInMainWindow));

  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(devUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // The renderer needs no camera, notifications from the page, geolocation, clipboard reads, ...
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

function hardenWebContents(contents: WebContents, isTrustedUrl: (url: string) => boolean, openInMainWindow: (url: string) => void): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    // A plain <a href="https://..."> in the UI: show it in the browser, not in our window.
    openExternally(url);
  };
  contents.on('will-navigate', (event) => refuseNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event, event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isTrustedUrl(url)) openInMainWindow(url);
    else openExternally(url);
    return { action: 'deny' };
  });
}

function openExternally(url: string): void {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(new URL(url).href).catch(() => {
    // No browser configured: nothing sensible to do from here, and nothing to leak.
  });
}
