import type { TokentallyApi } from '../../../shared/api/contract.js';
import { setSyncFolder, syncStatus } from '../sync/sync-folder.js';
import type { ServiceContext } from './context.js';
import { requireObject } from './validate.js';

/** Several machines, one budget (issue 17): the sync folder and what came through it. */
export function syncHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'syncStatus' | 'setSyncFolder'> {
  const status = () => syncStatus(ctx.db, ctx.sync?.state());
  return {
    async syncStatus() {
      return status();
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
