import { auth } from './auth.svelte.ts';

export const API = '/api/v1';

/** The API's error body `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** Field messages from a VALIDATION_FAILED body, keyed by the last path segment ("body.email" → "email"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details))
      for (const d of this.details as { path?: string; message?: string }[])
        if (d.path && d.message) out[d.path.split('.').pop()!] ??= d.message;
    return out;
  }
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Skip the Authorization header (public auth endpoints). */
  anonymous?: boolean;
  /** Raw body (FormData / Blob) instead of JSON; used by uploads. */
  raw?: BodyInit;
  headers?: Record<string, string>;
}

function url(path: string, query?: RequestOptions['query']) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return `${API}${path}${s ? `?${s}` : ''}`;
}

async function send(method: string, path: string, o: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...o.headers };
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = o.anonymous ? null : await auth.validToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url(path, o.query), {
      method,
      headers,
      body: o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
      credentials: 'same-origin',
      signal: o.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  }
}

async function toError(res: Response): Promise<ApiError> {
  try {
    const b = (await res.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    return new ApiError(
      res.status,
      b.error?.code ?? `HTTP_${res.status}`,
      b.error?.message ?? res.statusText,
      b.error?.details,
    );
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText || 'Request failed');
  }
}

/** Calls the API with the in-memory access token; on 401 TOKEN_EXPIRED refreshes once and retries. */
export async function request<T = unknown>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, o);
  if (res.status === 401 && !o.anonymous) {
    const err = await toError(res);
    if (err.code !== 'TOKEN_EXPIRED' || !(await auth.refresh())) {
      // SESSION_REVOKED: the password was reset since this token was issued (every session ended).
      if (err.code === 'TOKEN_EXPIRED' || err.code === 'INVALID_TOKEN' || err.code === 'SESSION_REVOKED')
        auth.expired();
      throw err;
    }
    res = await send(method, path, o);
  }
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, o?: RequestOptions) => request<T>('GET', path, o),
  post: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('POST', path, { ...o, body }),
  put: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PUT', path, { ...o, body }),
  patch: <T>(path: string, body?: unknown, o?: RequestOptions) => request<T>('PATCH', path, { ...o, body }),
  del: <T>(path: string, o?: RequestOptions) => request<T>('DELETE', path, o),
};

/**
 * Upload a file as the raw request body with progress (fetch has no upload progress); same auth and
 * retry rules as `request`. Extra headers carry metadata (e.g. X-Filename).
 */
export async function upload<T>(
  path: string,
  file: Blob,
  onProgress: (fraction: number) => void,
  o: { query?: RequestOptions['query']; headers?: Record<string, string> } = {},
): Promise<T> {
  const attempt = (token: string | null) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url(path, o.query));
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      for (const [k, v] of Object.entries(o.headers ?? {})) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
      xhr.onerror = () =>
        reject(new ApiError(0, 'NETWORK', 'The upload failed. Check your connection and try again.'));
      xhr.send(file);
    });
  let r = await attempt(await auth.validToken());
  const parse = () => {
    try {
      return JSON.parse(r.body) as { error?: { code: string; message: string; details?: unknown } };
    } catch {
      return {};
    }
  };
  if (r.status === 401 && parse().error?.code === 'TOKEN_EXPIRED' && (await auth.refresh()))
    r = await attempt(await auth.validToken());
  if (r.status >= 400) {
    const e = parse().error;
    throw new ApiError(r.status, e?.code ?? `HTTP_${r.status}`, e?.message ?? 'Upload failed', e?.details);
  }
  onProgress(1);
  return (r.body ? JSON.parse(r.body) : undefined) as T;
}

/** Fetch a protected binary (a record file) as a Blob, with the access token. */
export async function download(path: string): Promise<Blob> {
  let token = await auth.validToken();
  const get = () => fetch(`${API}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  let res = await get();
  if (res.status === 401 && (await auth.refresh())) {
    token = await auth.validToken();
    res = await get();
  }
  if (!res.ok) throw await toError(res);
  return res.blob();
}
