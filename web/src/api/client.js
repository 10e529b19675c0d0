// The API's client: JSON in and out, the session's token, errors as ApiError with the API's code,
// message and field. A 401 ends the session: the caller is sent to the login page and then back
// to the page they were on. Every request asks for personal data masked (X-Personal-Data): the
// application shows it in clear only through a reveal, which the server records.
import { session, endSession } from '../auth/session.js';

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

let onUnauthenticated = () => {};
// The router registers what to do when the session is gone (back to the login page).
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

function query(params) {
  const parts = [];
  for (const [key, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

// Sends one request; resolves to the parsed JSON (null for 204), rejects with ApiError.
// `text` sends a body as it is (with its Content-Type in `headers`), e.g. an uploaded file.
export async function request(method, path, { params, body, text, headers, raw } = {}) {
  const init = { method, headers: { Accept: 'application/json', 'X-Personal-Data': 'masked', ...(headers || {}) } };
  if (session.token) init.headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (text !== undefined) {
    init.body = text;
  }
  let response;
  try {
    response = await fetch(path + query(params), init);
  } catch (e) {
    throw new ApiError(0, 'network', e.message || 'network error');
  }
  if (response.status === 401 && session.token) {
    endSession();
    onUnauthenticated();
  }
  if (raw && response.ok) return response;
  if (response.status === 204) return null;
  const answer = await response.text();
  let data = null;
  try {
    data = answer ? JSON.parse(answer) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(response.status, error.code || 'http_' + response.status,
      error.message || response.statusText, error.field);
  }
  return data;
}

export const api = {
  get: (path, params) => request('GET', path, { params }),
  post: (path, body, headers) => request('POST', path, { body: body ?? {}, headers }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path) => request('DELETE', path),
};
