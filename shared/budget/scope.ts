/**
 * Budget scope, as one concept: what a budget of each scope covers (overall, one provider, one
 * tag, one API key). Each scope says here how its value is checked, which calls it matches (the
 * proxy's hard-cap gate), which ledger rows it sums (the budget queries), how it is named (CLI,
 * alerts, refusals, UI), and whether the providers' own cost reports can count for it. Adding a
 * scope is adding an entry here (and the value picker of its form).
 */
import { ApiError, type BudgetKey, type BudgetScope } from '../api/contract.js';
import { normalizeProviderName } from '../keys/provider-name.js';
import { errorMessage } from '../error-message.js';

/** What a call is, as far as budget scopes care. */
export interface ScopedCall {
  provider: string;
  tag: string | null;
  /** Fingerprint of the API key billed ("key:" + 16 hex digits); null or absent when none is known. */
  keyRef?: string | null;
}

/** Columns of the ledger a scope restricts (usage.provider, usage.tag, usage.key_ref). */
export interface ScopeFilter {
  provider?: string;
  tag?: string;
  keyRef?: string;
}

/** How to show values: a provider's label, a key's user-given label. */
export interface ScopeNames {
  provider?(id: string): string;
  key?(keyRef: string): string | null;
}

export interface BudgetScopeDef {
  scope: BudgetScope;
  /** What the value is, as a form or a table names it: "Provider", "Tag", "API key". */
  noun: string;
  /** The scope as a budget form offers it: "All spend", "One provider". */
  choice: string;
  /** The overall budget names nothing; the others name a provider, a tag or a key. */
  needsValue: boolean;
  /** The CLI flag that picks it (`budget set --provider P`), or null for the overall budget. */
  cliFlag: 'provider' | 'tag' | 'key' | null;
  /**
   * Whether the providers' own cost reports can count for it: they know provider and day, not
   * tags or keys, so tag and key budgets count what the proxy logged.
   */
  usesProviderReports: boolean;
  /** The value as stored (a provider id folded to lower case, a trimmed tag…); throws ApiError. */
  normalize(value: unknown): string | null;
  matches(call: ScopedCall, value: string | null): boolean;
  filter(value: string | null): ScopeFilter;
  /** "Overall budget", "anthropic budget", 'Tag "ci" budget', 'API key "work" budget'. */
  label(value: string | null, names?: ScopeNames): string;
  /** In a sentence, after "the hard": "monthly budget for tag "ci"". */
  phrase(value: string | null, names?: ScopeNames): string;
}

export const KEY_REF_PATTERN = /^key:[0-9a-f]{16}$/;
const MAX_TAG_CHARS = 200;
const MAX_KEY_LABEL_CHARS = 60;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function requiredText(value: unknown, noun: string): string {
  if (typeof value !== 'string' || value.trim() === '') bad(`a ${noun} budget needs a scopeValue naming the ${noun}`);
  return value.trim();
}

const keyName = (ref: string, names?: ScopeNames) => names?.key?.(ref) ?? ref;

const OVERALL: BudgetScopeDef = {
  scope: 'overall',
  noun: 'Overall',
  choice: 'All spend',
  needsValue: false,
  cliFlag: null,
  usesProviderReports: true,
  normalize(value) {
    if (value !== null && value !== undefined && value !== '') bad('the overall budget has no scopeValue (leave it null)');
    return null;
  },
  matches: () => true,
  filter: () => ({}),
  label: () => 'Overall budget',
  phrase: () => 'monthly budget',
};

const PROVIDER: BudgetScopeDef = {
  scope: 'provider',
  noun: 'Provider',
  choice: 'One provider',
  needsValue: true,
  cliFlag: 'provider',
  usesProviderReports: true,
  normalize(value) {
    try {
      return normalizeProviderName(requiredText(value, 'provider'));
    } catch (err) {
      return bad(`budget scopeValue: ${errorMessage(err)}`);
    }
  },
  matches: (call, value) => call.provider === value,
  filter: (value) => ({ provider: value ?? '' }),
  label: (value, names) => `${names?.provider?.(value ?? '') ?? value} budget`,
  phrase: (value, names) => `monthly budget for ${names?.provider?.(value ?? '') ?? value}`,
};

const TAG: BudgetScopeDef = {
  scope: 'tag',
  noun: 'Tag',
  choice: 'One tag',
  needsValue: true,
  cliFlag: 'tag',
  usesProviderReports: false,
  normalize(value) {
    const tag = requiredText(value, 'tag');
    if (tag.length > MAX_TAG_CHARS) bad(`a tag is at most ${MAX_TAG_CHARS} characters`);
    return tag;
  },
  matches: (call, value) => call.tag !== null && call.tag === value,
  filter: (value) => ({ tag: value ?? '' }),
  label: (value) => `Tag "${value}" budget`,
  phrase: (value) => `monthly budget for tag "${value}"`,
};

const KEY: BudgetScopeDef = {
  scope: 'key',
  noun: 'API key',
  choice: 'One API key',
  needsValue: true,
  cliFlag: 'key',
  usesProviderReports: false,
  normalize(value) {
    const ref = requiredText(value, 'key');
    if (!KEY_REF_PATTERN.test(ref)) bad('a key budget names the key by its fingerprint ("key:" and 16 hex digits), as listKeys and `tokentally keys list` show it');
    return ref;
  },
  matches: (call, value) => call.keyRef != null && call.keyRef === value,
  filter: (value) => ({ keyRef: value ?? '' }),
  label: (value, names) => `API key "${keyName(value ?? '', names)}" budget`,
  phrase: (value, names) => `monthly budget for API key "${keyName(value ?? '', names)}"`,
};

/** Every scope, in the order budgets are listed. */
export const BUDGET_SCOPES: readonly BudgetScopeDef[] = Object.freeze([OVERALL, PROVIDER, TAG, KEY]);

export function scopeDef(scope: BudgetScope): BudgetScopeDef {
  const found = BUDGET_SCOPES.find((s) => s.scope === scope);
  if (!found) throw new RangeError(`unknown budget scope ${String(scope)}`);
  return found;
}

/** Validate the (scope, scopeValue) pair that names a budget; throws ApiError('bad_request'). */
export function validateBudgetKey(key: unknown): BudgetKey {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) bad('a budget must be an object');
  const { scope, scopeValue } = key as Record<string, unknown>;
  const def = BUDGET_SCOPES.find((s) => s.scope === scope);
  if (!def) bad(`budget scope must be one of ${BUDGET_SCOPES.map((s) => s.scope).join(', ')}, got ${JSON.stringify(scope)}`);
  return { scope: def.scope, scopeValue: def.normalize(scopeValue) };
}

export function budgetMatches(key: BudgetKey, call: ScopedCall): boolean {
  return scopeDef(key.scope).matches(call, key.scopeValue);
}

export function scopeFilter(key: BudgetKey): ScopeFilter {
  return scopeDef(key.scope).filter(key.scopeValue);
}

export function budgetLabel(key: BudgetKey, names?: ScopeNames): string {
  return scopeDef(key.scope).label(key.scopeValue, names);
}

/** A label a user gives an API key: short printable text. */
export function validateKeyLabel(label: unknown): string {
  if (typeof label !== 'string' || label.trim() === '') bad('a key label is non-empty text');
  const clean = label.trim();
  if (clean.length > MAX_KEY_LABEL_CHARS) bad(`a key label is at most ${MAX_KEY_LABEL_CHARS} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean)) bad('a key label cannot contain control characters');
  if (KEY_REF_PATTERN.test(clean)) bad('a key label cannot look like a key fingerprint');
  return clean;
}
