/**
 * The API contract's part for: Provider usage polling and reconciliation (issue 6).
 * Declare methods on ProvidersApi and list them in PROVIDERS_METHODS; contract.ts merges both.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProvidersApi {}

export const PROVIDERS_METHODS = {} as const satisfies Record<keyof ProvidersApi, true>;
