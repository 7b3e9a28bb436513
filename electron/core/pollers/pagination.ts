import { ShapeError, bool, object, optionalText, type Json } from './report-shape.js';

/** A cursor-paginated report can be long (months of daily buckets), but not endless. */
const MAX_PAGES = 60;

/**
 * Every page of a `{data, has_more, next_page}` report (Anthropic and OpenAI share this shape).
 * A page that says has_more without a cursor, or repeats a cursor, is malformed: better no data
 * than a silent half.
 */
export async function collectPages(fetchPage: (page: string | null) => Promise<unknown>): Promise<Json[]> {
  const pages: Json[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  for (;;) {
    const page = object(await fetchPage(cursor), `page ${pages.length + 1}`);
    pages.push(page);
    const where = `page ${pages.length}`;
    if (!bool(page, 'has_more', where)) return pages;
    const next = optionalText(page, 'next_page', where);
    if (!next) throw new ShapeError(`${where} has more data but no next_page`);
    if (seen.has(next)) throw new ShapeError(`${where} repeats the cursor of an earlier page`);
    if (pages.length >= MAX_PAGES) throw new ShapeError(`more than ${MAX_PAGES} pages`);
    seen.add(next);
    cursor = next;
  }
}
