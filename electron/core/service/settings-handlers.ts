import type { TokentallyApi } from '../../../shared/api/contract.js';
import { readSettings, writeSettings } from '../ledger/index.js';
import type { ServiceContext } from './context.js';

export function settingsHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'getSettings' | 'updateSettings'> {
  return {
    async getSettings() {
      return readSettings(ctx.db).settings;
    },
    async updateSettings(patch) {
      const settings = writeSettings(ctx.db, patch ?? {});
      ctx.emit({ type: 'settings-changed' });
      return settings;
    },
  };
}
