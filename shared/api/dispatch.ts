import { ApiError, isApiMethod, type ApiResponse, type TokentallyApi } from './contract.js';
import { errorMessage } from '../error-message.js';

/**
 * Run one API call and wrap the outcome in the envelope both transports carry. Errors other than
 * ApiError are reported as "internal" with their message only: no stack crosses to the UI.
 */
export async function dispatchApiCall(api: TokentallyApi, method: string, arg: unknown): Promise<ApiResponse<unknown>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: `unknown API method "${method}"` } };
  }
  try {
    const fn = api[method] as (a: unknown) => Promise<unknown>;
    const result = await fn.call(api, arg ?? undefined);
    return { ok: true, result: result === undefined ? null : result };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message } };
    return { ok: false, error: { code: 'internal', message: errorMessage(err) } };
  }
}

/** Client side: turn an envelope back into a value or a thrown ApiError. */
export function unwrapApiResponse<T>(response: ApiResponse<T>): T {
  if (response.ok) return response.result;
  throw new ApiError(response.error.code, response.error.message);
}
