import type { TokentallyApi } from '../../../shared/api/contract.js';
import { windowsReport } from '../windows/windows-report.js';
import type { ServiceContext } from './context.js';

/** Plan windows and the runway (issue 11). */
export function windowsHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'listWindows'> {
  return {
    async listWindows() {
      return windowsReport(ctx.db, ctx.now());
    },
  };
}
