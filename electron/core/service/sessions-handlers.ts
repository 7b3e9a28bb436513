import type { TokentallyApi } from '../../../shared/api/contract.js';
import { readSettings } from '../ledger/index.js';
import { listSessions } from '../ledger/sessions.js';
import type { ServiceContext } from './context.js';
import { optionalString, requireObject } from './validate.js';

/** Coding sessions and the plan windows over them (issue 15.2); the ledger checks the days and the zone. */
export function sessionsHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listSessions'> {
  return {
    async listSessions(query) {
      const q = requireObject(query ?? {}, 'the sessions query');
      return listSessions(ctx.db, {
        since: optionalString(q, 'since'),
        until: optionalString(q, 'until'),
        tz: optionalString(q, 'tz') ?? readSettings(ctx.db).settings.timezone,
        project: optionalString(q, 'project'),
        now: ctx.now(),
      });
    },
  };
}
