/**
 * The API contract's part for: Subscriptions, transcript import and break-even (issue 5).
 * Declare methods on SubscriptionsApi and list them in SUBSCRIPTIONS_METHODS; contract.ts merges both.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubscriptionsApi {}

export const SUBSCRIPTIONS_METHODS = {} as const satisfies Record<keyof SubscriptionsApi, true>;
