/**
 * The headless server hands out a per-launch token in the URL it prints (`/?token=…`).
 * We move it into sessionStorage on first load and strip it from the address bar, so it does
 * not end up in screenshots, bookmarks or the history, yet a reload of the tab keeps working.
 */
const STORAGE_KEY = 'tokentally.accessToken';

export function takeAccessToken(
  location: Pick<Location, 'href'>,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  history: Pick<History, 'replaceState' | 'state'>,
): string | null {
  const url = new URL(location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    storage.setItem(STORAGE_KEY, fromQuery);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromQuery;
  }
  return storage.getItem(STORAGE_KEY);
}
