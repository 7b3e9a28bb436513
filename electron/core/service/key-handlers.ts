import { ApiError, type KeyKind, type TokentallyApi } from '../../../shared/api/contract.js';
import { KEY_REF_PATTERN } from '../../../shared/budget/scope.js';
import { setKeyLabel } from '../secrets/key-labels.js';
import { listKeyRefs } from '../secrets/key-refs.js';
import type { ServiceContext } from './context.js';
import { oneOf, optionalString, requireObject, requireString } from './validate.js';
import { errorMessage } from '../../../shared/error-message.js';

const KINDS: readonly KeyKind[] = ['api', 'admin'];

/** Keys go in; only masked hints come out. */
export function keyHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listKeys' | 'setKey' | 'removeKey' | 'listKeyRefs' | 'labelKey'> {
  return {
    async listKeys() {
      return ctx.keyStore.list({ check: true });
    },
    async setKey(args) {
      const a = requireObject(args, 'setKey');
      const status = ctx.keyStore.status();
      if (!status.available) throw new ApiError('unavailable', status.warning ?? 'keys cannot be stored securely right now');
      try {
        // Only providers Tokentally knows: a typo would store a key nothing ever uses.
        const provider = ctx.providers().registry.require(requireString(a, 'provider')).id;
        const label = a.label === null ? null : optionalString(a, 'label');
        await ctx.keyStore.set({ provider, kind: oneOf(a, 'kind', KINDS) ?? 'api', key: requireString(a, 'key'), label });
      } catch (err) {
        if (err instanceof ApiError) throw err;
        throw new ApiError('bad_request', errorMessage(err));
      }
      ctx.emit({ type: 'keys-changed' });
      return ctx.keyStore.list();
    },
    async listKeyRefs() {
      return listKeyRefs(ctx.db, ctx.keyStore);
    },
    async labelKey(args) {
      const a = requireObject(args, 'labelKey');
      const keyRef = requireString(a, 'keyRef');
      if (!KEY_REF_PATTERN.test(keyRef)) throw new ApiError('bad_request', 'keyRef is a key fingerprint ("key:" and 16 hex digits)');
      const label = a.label === null || a.label === undefined ? null : requireString(a, 'label');
      setKeyLabel(ctx.db, keyRef, label);
      ctx.emit({ type: 'keys-changed' });
      return listKeyRefs(ctx.db, ctx.keyStore);
    },
    async removeKey(args) {
      const a = requireObject(args, 'removeKey');
      await ctx.keyStore.remove(requireString(a, 'provider'), oneOf(a, 'kind', KINDS) ?? 'api');
      ctx.emit({ type: 'keys-changed' });
      return ctx.keyStore.list();
    },
  };
}
