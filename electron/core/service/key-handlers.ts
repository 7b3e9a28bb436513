import { ApiError, type KeyKind, type TokentallyApi } from '../../../shared/api/contract.js';
import type { ServiceContext } from './context.js';
import { oneOf, requireObject, requireString } from './validate.js';

const KINDS: readonly KeyKind[] = ['api', 'admin'];

/** Keys go in; only masked hints come out. */
export function keyHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listKeys' | 'setKey' | 'removeKey'> {
  return {
    async listKeys() {
      return ctx.keyStore.list();
    },
    async setKey(args) {
      const a = requireObject(args, 'setKey');
      const status = ctx.keyStore.status();
      if (!status.available) throw new ApiError('unavailable', status.warning ?? 'keys cannot be stored securely right now');
      try {
        ctx.keyStore.set({ provider: requireString(a, 'provider'), kind: oneOf(a, 'kind', KINDS) ?? 'api', key: requireString(a, 'key') });
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('bad_request', (err as Error).message);
      }
      ctx.emit({ type: 'keys-changed' });
      return ctx.keyStore.list();
    },
    async removeKey(args) {
      const a = requireObject(args, 'removeKey');
      ctx.keyStore.remove(requireString(a, 'provider'), oneOf(a, 'kind', KINDS) ?? 'api');
      ctx.emit({ type: 'keys-changed' });
      return ctx.keyStore.list();
    },
  };
}
