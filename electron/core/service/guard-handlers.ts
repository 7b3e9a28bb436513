import { ApiError, type TokentallyApi } from '../../../shared/api/contract.js';
import { deletePause } from '../guard/guard-repo.js';
import { guardStatus } from '../guard/guard-status.js';
import { keyOf } from '../guard/proxy-guard.js';
import type { ServiceContext } from './context.js';
import { requireObject } from './validate.js';

/**
 * The runaway-loop guard (issue 16.2): its state, and resuming a paused tag. The proxy's guard
 * learns of a resume from the 'guard-changed' event (the core sends it the paused tags again).
 */
export function guardHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'guardStatus' | 'resumeGuard'> {
  return {
    async guardStatus() {
      return guardStatus(ctx.db);
    },
    async resumeGuard(arg) {
      const o = requireObject(arg, 'resumeGuard argument');
      const tag = o.tag;
      if (tag !== null && (typeof tag !== 'string' || tag === '')) throw new ApiError('bad_request', 'tag must be a tag, or null for untagged calls');
      // Resuming what is not paused (a second click, a stale tray menu) changes nothing and is no error.
      if (deletePause(ctx.db, keyOf(tag))) ctx.emit({ type: 'guard-changed' });
      return guardStatus(ctx.db);
    },
  };
}
