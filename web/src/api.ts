// The console's only way to the system: the public HTTP API, with the session cookie the browser
// sends by itself and the session's CSRF token on every change. Errors carry the API's own
// Chinese message and stable code.
import { session } from './session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** what the API listed beside the message (e.g. a sheet's errors by row) */
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

/** The session's CSRF token, which every state-changing request carries beside the cookie. */
const csrfHeader = (): Record<string, string> => (session.me?.csrfToken ? { 'x-csrf-token': session.me.csrfToken } : {});

// biome-ignore lint/suspicious/noExplicitAny: a page names the shape it reads; untyped calls keep JSON's
export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const headers = method === 'GET' ? {} : csrfHeader();
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    if (res.status === 401 && session.me) session.onUnauthenticated();
    throw new ApiError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? `请求失败（${res.status}）`, data?.errors);
  }
  return data as T;
}

/** A multipart form (a file upload): the browser sets its content type and boundary. */
// biome-ignore lint/suspicious/noExplicitAny: as api()
export async function postForm<T = any>(url: string, form: FormData): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: csrfHeader(), body: form });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? `请求失败（${res.status}）`, data?.errors);
  return data as T;
}

/** A file the API serves (a template, an export), saved under `filename`; the session cookie goes with it. */
export async function download(url: string, filename: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) {
    const data = await res.json().catch(() => null);
    throw new ApiError(res.status, data?.code ?? 'HTTP_ERROR', data?.message ?? `下载失败（${res.status}）`);
  }
  const href = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href, download: filename });
  a.click();
  URL.revokeObjectURL(href);
}

// biome-ignore lint/suspicious/noExplicitAny: as api()
export const get = <T = any>(url: string) => api<T>('GET', url);
// biome-ignore lint/suspicious/noExplicitAny: as api()
export const put = <T = any>(url: string, body: unknown) => api<T>('PUT', url, body);
// biome-ignore lint/suspicious/noExplicitAny: as api()
export const del = <T = any>(url: string) => api<T>('DELETE', url);
// biome-ignore lint/suspicious/noExplicitAny: as api()
export const post = <T = any>(url: string, body: unknown) => api<T>('POST', url, body);

/** Query string from the filled-in fields only. */
export const qs = (params: Record<string, string | number | undefined | null>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
};

/** A client-generated request id (the API's idempotency key); works outside secure contexts too. */
export const requestId = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
