import type { SubscriptionsApi } from '../../../shared/api/contract-subscriptions.js';
import type { ServiceContext } from './context.js';

export function subscriptionHandlers(ctx: ServiceContext): SubscriptionsApi {
  void ctx;
  return {};
}
