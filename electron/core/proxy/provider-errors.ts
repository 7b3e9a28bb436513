/**
 * Answers the proxy gives on its own (upstream down, timeout, budget cap), in the provider's error
 * shape, so SDKs raise their usual typed errors and tools print the message.
 */
export type ErrorStyle = 'anthropic' | 'openai';

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function errorStyleFor(provider: string, path: string): ErrorStyle {
  return provider === 'anthropic' || /\/messages(\/|$)/.test(path) ? 'anthropic' : 'openai';
}

export type ProxyFailure = 'unreachable' | 'timeout' | 'blocked' | 'not-configured' | 'bad-request';

const STATUS: Record<ProxyFailure, number> = {
  unreachable: 502,
  timeout: 504,
  // Both providers refuse an exhausted balance like this (Anthropic: 400 "credit balance is too
  // low"; OpenAI: 429 insufficient_quota); x-should-retry: false keeps the SDKs from retrying a 429.
  blocked: 400,
  'not-configured': 404,
  'bad-request': 400,
};

const ANTHROPIC_TYPE: Record<ProxyFailure, string> = {
  unreachable: 'api_error',
  timeout: 'timeout_error',
  blocked: 'invalid_request_error',
  'not-configured': 'not_found_error',
  'bad-request': 'invalid_request_error',
};

const OPENAI_TYPE: Record<ProxyFailure, { type: string; code: string }> = {
  unreachable: { type: 'server_error', code: 'upstream_unreachable' },
  timeout: { type: 'server_error', code: 'upstream_timeout' },
  blocked: { type: 'insufficient_quota', code: 'insufficient_quota' },
  'not-configured': { type: 'invalid_request_error', code: 'unknown_route' },
  'bad-request': { type: 'invalid_request_error', code: 'bad_request' },
};

export function proxyErrorAnswer(style: ErrorStyle, failure: ProxyFailure, message: string): ProxyAnswer {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-should-retry': failure === 'blocked' || failure === 'not-configured' || failure === 'bad-request' ? 'false' : 'true',
  };
  const text = `Tokentally: ${message}`;
  if (style === 'anthropic') {
    const body = JSON.stringify({ type: 'error', error: { type: ANTHROPIC_TYPE[failure], message: text } });
    return { status: STATUS[failure], headers, body };
  }
  const { type, code } = OPENAI_TYPE[failure];
  const body = JSON.stringify({ error: { message: text, type, param: null, code } });
  return { status: failure === 'blocked' ? 429 : STATUS[failure], headers, body };
}
