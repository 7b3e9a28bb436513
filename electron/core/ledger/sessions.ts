/**
 * The coding sessions of a period: the ledger's rows that carry a session id (imported Claude Code
 * and Codex calls, and proxied calls their transcript named: migration 14), one line per session,
 * with the plan-window cycles that overlap the period. A session running past either end of the
 * period is summed over the part inside it.
 */
import { SESSIONS_LIMIT, type SessionSummary, type SessionsReport, type WindowBlock } from '../../../shared/api/contract-sessions.js';
import type { Day } from '../../../shared/api/contract.js';
import { windowBlocks, type WindowReadingRow } from '../../../shared/sessions/window-blocks.js';
import { windowMinutesOf } from '../../../shared/windows/window-names.js';
import { addDays, dayOf, startOfDay } from '../../../shared/time/zoned.js';
import type { Db } from './open-database.js';
import { checkOrder, dayArg, zoneArg } from './query-args.js';
import { cachedStatement } from './statement-cache.js';

/** Without a first day: the week up to the last. */
const DEFAULT_DAYS = 7;

export interface SessionsArgs {
  since?: Day;
  until?: Day;
  tz: string;
  project?: string;
  now: number;
}

const SESSIONS_SQL = (project: boolean) => `
SELECT session_id AS sessionId, MIN(project) AS project, MIN(provider) AS provider, MIN(time) AS startMs, MAX(time) AS endMs, COUNT(*) AS calls,
  SUM(input_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens + output_tokens + reasoning_tokens) AS tokens,
  SUM(cost_nano) AS costNano, SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END) AS spendNano, SUM(1 - priced) AS unpriced
FROM usage WHERE time >= @from AND time < @to AND session_id IS NOT NULL${project ? ' AND project = @project' : ''}
GROUP BY session_id ORDER BY startMs DESC, sessionId LIMIT @limit`;

/** Each session's models, most calls first (a second, small grouping over the same rows). */
const MODELS_SQL = (project: boolean) => `
SELECT session_id AS sessionId, model, COUNT(*) AS n FROM usage
WHERE time >= @from AND time < @to AND session_id IS NOT NULL${project ? ' AND project = @project' : ''}
GROUP BY session_id, model`;

export function listSessions(db: Db, q: SessionsArgs): SessionsReport {
  const tz = zoneArg(q.tz);
  const until = q.until === undefined ? dayOf(q.now, tz) : dayArg('until', q.until);
  const since = q.since === undefined ? addDays(until, -(DEFAULT_DAYS - 1)) : dayArg('since', q.since);
  checkOrder(since, until);
  const from = startOfDay(since, tz);
  const to = startOfDay(addDays(until, 1), tz);
  const hasProject = q.project !== undefined;
  const params: Record<string, string | number> = { from, to, limit: SESSIONS_LIMIT + 1 };
  if (hasProject) params.project = q.project!;
  const rows = cachedStatement(db, SESSIONS_SQL(hasProject)).all(params) as Omit<SessionSummary, 'models'>[];
  const { limit: _limit, ...modelParams } = params;
  const models = new Map<string, { model: string; n: number }[]>();
  for (const m of cachedStatement(db, MODELS_SQL(hasProject)).all(modelParams) as { sessionId: string; model: string; n: number }[]) {
    const list = models.get(m.sessionId);
    if (list) list.push(m);
    else models.set(m.sessionId, [m]);
  }
  const sessions = rows.slice(0, SESSIONS_LIMIT).map((r) => ({
    ...r,
    models: (models.get(r.sessionId) ?? []).sort((a, b) => b.n - a.n || a.model.localeCompare(b.model)).map((m) => m.model),
  }));
  return { since, until, tz, sessions, truncated: rows.length > SESSIONS_LIMIT, windows: windowCycles(db, from, to) };
}

/** The longest window looked for: a cycle overlapping the period was read no earlier than this before it. */
const LONGEST_WINDOW_MS = 31 * 86_400_000;

/** Every cycle of every window of known length that overlaps [from, to), by window then time. */
function windowCycles(db: Db, from: number, to: number): WindowBlock[] {
  const names = cachedStatement(
    db,
    'SELECT DISTINCT provider, account, window FROM plan_window_history WHERE observed_at >= ? AND observed_at < ? AND resets_at > ?',
  ).all(from - LONGEST_WINDOW_MS, to + LONGEST_WINDOW_MS, from) as Pick<WindowBlock, 'provider' | 'account' | 'window'>[];
  const out: WindowBlock[] = [];
  for (const key of names) {
    const minutes = windowMinutesOf(key.window);
    if (minutes === null) continue;
    const length = minutes * 60_000;
    // A cycle overlapping the period is read during it: from a window's length before the period to one after.
    const readings = cachedStatement(
      db,
      `SELECT observed_at AS at, used, resets_at AS resetsAt, status FROM plan_window_history
       WHERE provider = ? AND account = ? AND window = ? AND minute >= ? AND minute < ? ORDER BY minute`,
    ).all(key.provider, key.account, key.window, Math.floor((from - length) / 60_000), Math.ceil((to + length) / 60_000)) as WindowReadingRow[];
    out.push(...windowBlocks(key, minutes, readings).filter((b) => b.toMs > from && b.fromMs < to));
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.account.localeCompare(b.account) || a.window.localeCompare(b.window) || a.fromMs - b.fromMs);
}
