/**
 * What is shared besides calls, each as small records of its latest value: budgets, the plans
 * the user pays for (settings.subscriptions and planEdits), and the latest plan-window readings.
 * Each kind says how to read a key's current value and how to apply a value merged from another
 * device (null: the key was removed). Applying validates as a local change would.
 */
import type { Budget, Settings } from '../../../shared/api/contract.js';
import { listBudgets, removeBudget, upsertBudget } from '../ledger/budgets-repo.js';
import type { Db } from '../ledger/open-database.js';
import { readSettings, writeSettings } from '../ledger/settings-repo.js';
import { cachedStatement } from '../ledger/statement-cache.js';

/** Separates the parts of a composite key (the triggers of migration 14 use the same). */
export const KEY_SEPARATOR = '\u001f';

export interface SharedKind {
  read(db: Db, key: string): unknown | null;
  apply(db: Db, key: string, value: unknown | null, now: number): void;
  keys(db: Db): string[];
}

const budget: SharedKind = {
  read(db, key) {
    const [scope, scopeValue] = key.split(KEY_SEPARATOR);
    return listBudgets(db).find((b) => b.scope === scope && (b.scopeValue ?? '') === scopeValue) ?? null;
  },
  apply(db, key, value) {
    if (value === null) {
      const [scope, scopeValue] = key.split(KEY_SEPARATOR);
      removeBudget(db, { scope: scope as Budget['scope'], scopeValue: scopeValue === '' ? null : scopeValue! });
    } else upsertBudget(db, value as Budget);
  },
  keys: (db) => listBudgets(db).map((b) => `${b.scope}${KEY_SEPARATOR}${b.scopeValue ?? ''}`),
};

const SHARED_SETTINGS = ['subscriptions', 'planEdits'] as const;

const setting: SharedKind = {
  read(db, key) {
    return (readSettings(db).settings as unknown as Record<string, unknown>)[key] ?? null;
  },
  apply(db, key, value) {
    if (value === null || !(SHARED_SETTINGS as readonly string[]).includes(key)) return;
    writeSettings(db, { [key]: value } as Partial<Settings>);
  },
  keys: (db) => (cachedStatement(db, `SELECT key FROM settings WHERE key IN ('subscriptions', 'planEdits')`).all() as { key: string }[]).map((r) => r.key),
};

const WINDOW_COLUMNS = ['source', 'observed_at', 'used', 'resets_at', 'window_minutes', 'status', 'overall_status', 'binding'] as const;

const window: SharedKind = {
  read(db, key) {
    const [provider, account, name] = key.split(KEY_SEPARATOR);
    return cachedStatement(db, `SELECT ${WINDOW_COLUMNS.join(', ')} FROM plan_windows WHERE provider = ? AND account = ? AND window = ?`).get(provider, account, name) ?? null;
  },
  apply(db, key, value, now) {
    if (value === null || typeof value !== 'object') return;
    const [provider, account, name] = key.split(KEY_SEPARATOR);
    const v = value as Record<string, unknown>;
    // A reading cannot be from the future: a device whose clock runs ahead must not make this
    // device's own later readings look older than it (the window store keeps the newest).
    const observedAt = Math.min(Number(v.observed_at), now);
    cachedStatement(
      db,
      `INSERT INTO plan_windows (provider, account, window, ${WINDOW_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider, account, window) DO UPDATE SET ${WINDOW_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    ).run(provider, account, name, v.source, observedAt, v.used ?? null, v.resets_at ?? null, v.window_minutes ?? null, v.status ?? null, v.overall_status ?? null, v.binding ? 1 : 0);
  },
  keys: (db) =>
    (cachedStatement(db, 'SELECT provider, account, window FROM plan_windows').all() as { provider: string; account: string; window: string }[]).map(
      (r) => [r.provider, r.account, r.window].join(KEY_SEPARATOR),
    ),
};

export const SHARED_KINDS: Readonly<Record<string, SharedKind>> = { budget, setting, window };
