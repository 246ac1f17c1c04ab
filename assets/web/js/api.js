// The one door to the server: same-origin fetch with the session cookie, the CSRF
// token on every change, the contract's error shape turned into ApiError, and one
// callback when the session has ended (401).

let csrfToken = null;
let onSessionEnded = () => {};

export function setCsrfToken(token) { csrfToken = token ?? null; }
export function onUnauthenticated(fn) { onSessionEnded = fn; }

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/**
 * api('GET', '/api/v1/hubs') -> parsed JSON (or null for an empty body).
 * options.background marks the page's own refreshes: they do not keep the session alive.
 * options.quiet401 stops a 401 from signing the page out (used while signing in).
 */
export async function api(method, path, body, options = {}) {
  // The desk reads set-up's own (English) names, whatever language the browser is in.
  const headers = { Accept: 'application/json', 'Accept-Language': 'en', ...(options.headers ?? {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.background) headers['X-Frontdoor-Background'] = '1';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'The server could not be reached. Check the network, then try again.');
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const e = data?.error ?? {};
    const err = new ApiError(res.status, e.code ?? 'internal',
      e.message ?? `The server answered ${res.status}.`, e.field);
    if (res.status === 401 && !options.quiet401) onSessionEnded(err);
    throw err;
  }
  return data;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body = {}, options) => api('POST', path, body, options);
export const put = (path, body, options) => api('PUT', path, body, options);
export const del = (path, options) => api('DELETE', path, undefined, options);

/** The list inside an answer, whichever key the server used ({rooms: [...]} or [...]). */
export function listOf(data, ...keys) {
  if (Array.isArray(data)) return data;
  for (const k of keys) if (Array.isArray(data?.[k])) return data[k];
  return [];
}

/** A friendly sentence for an ApiError, naming the field when there is one. */
export function explain(err) {
  if (!(err instanceof ApiError)) return 'Something went wrong on this page. Reload it and try again.';
  const field = err.field ? ` (${err.field.replaceAll('_', ' ')})` : '';
  const msg = err.message ? err.message.charAt(0).toUpperCase() + err.message.slice(1) : 'Failed';
  return `${msg}${field}.`.replace(/\.\.$/, '.');
}
