import { ApiError, type TokentallyApi } from '../../../shared/api/contract.js';
import { addDays, isValidTimeZone, startOfDay } from '../../../shared/time/zoned.js';
import { readSettings } from '../ledger/settings-repo.js';
import { usageByDevice } from '../sync/device-usage.js';
import { setSyncFolder, syncStatus } from '../sync/sync-folder.js';
import type { ServiceContext } from './context.js';
import { dayRange } from './usage-handlers.js';
import { requireObject } from './validate.js';

/** Several machines, one budget (issue 17): the sync folder and what came through it. */
export function syncHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'syncStatus' | 'setSyncFolder' | 'usageByDevice'> {
  const status = () => syncStatus(ctx.db, ctx.sync?.state());
  return {
    async syncStatus() {
      return status();
    },
    async usageByDevice(arg) {
      const q = requireObject(arg, 'the by-device query');
      const { since, until } = dayRange(q);
      const tz = q.tz === undefined ? readSettings(ctx.db).settings.timezone : String(q.tz);
      if (!isValidTimeZone(tz)) throw new ApiError('bad_request', `unknown time zone "${tz}"`);
      return usageByDevice(ctx.db, startOfDay(since, tz), startOfDay(addDays(until, 1), tz));
    },
    async setSyncFolder(arg) {
      const args = requireObject(arg, 'setSyncFolder argument');
      setSyncFolder(ctx.db, args.folder as string | null, args.deviceName as string | undefined);
      ctx.sync?.soon();
      ctx.emit({ type: 'settings-changed' });
      return status();
    },
  };
}
