import type { ProvidersApi } from '../../../shared/api/contract-providers.js';
import type { ServiceContext } from './context.js';

export function providerHandlers(ctx: ServiceContext): ProvidersApi {
  void ctx;
  return {};
}
