/**
 * Commas in a number a person typed. A comma is a thousands separator only in its place: after 1
 * to 3 leading digits and before every group of exactly 3 ("1,000", "12,500.50", "1,234,567").
 * Anywhere else it is refused, never dropped: where the comma is the decimal mark, "49,99" means
 * 49.99, and dropping the comma read it as 4,999.
 */

/** The whole-number part with its commas in place. */
const GROUPED = /^\d{1,3}(,\d{3})+$/;

/** A comma out of place, said in words (the CLI and the dashboard's forms show the message as is). */
export class MisplacedCommaError extends RangeError {
  override name = 'MisplacedCommaError';
}

/**
 * `text` without its thousands commas, or null when a comma is out of place. The commas must all
 * be in the leading run of digits; text without a comma comes back unchanged.
 */
export function withoutThousandsCommas(text: string): string | null {
  if (!text.includes(',')) return text;
  const lead = /^[\d,]+/.exec(text)?.[0] ?? '';
  const rest = text.slice(lead.length);
  if (!GROUPED.test(lead) || rest.includes(',')) return null;
  return lead.replace(/,/g, '') + rest;
}

/** "49,99" or "$50,5": a decimal comma. */
const DECIMAL_COMMA = /^\$?\d+,\d{1,2}$/;

/** What is wrong with the amount of dollars `text` (trimmed), whose comma is out of place. */
export function misplacedCommaInUsd(text: string): string {
  return DECIMAL_COMMA.test(text) ? `${text}: use a dot for cents (${text.replace(',', '.')})` : `${text}: a comma only separates thousands, as in 1,000 or 12,500.50`;
}
