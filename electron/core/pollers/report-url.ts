import { basePath } from '../proxy/upstreams.js';

/** base + path with query parameters; a list value repeats the parameter (group_by[]=model). */
export function reportUrl(base: URL, path: string, query: Record<string, string | readonly string[] | null | undefined>): URL {
  const url = new URL(basePath(base) + path, base);
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    for (const v of typeof value === 'string' ? [value] : value) url.searchParams.append(name, v);
  }
  return url;
}
