/** A tiny HTTP client for tests: JSON in and out, a bearer token, and one cookie jar. */
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function createClient(baseUrl: string) {
  const jar = new Map<string, string>();
  let token: string | undefined;
  const client = {
    get token() {
      return token;
    },
    set token(t: string | undefined) {
      token = t;
    },
    cookies: jar,
    async request<T = any>(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<Reply<T>> {
      const h: Record<string, string> = { ...headers };
      if (body !== undefined) h['content-type'] = 'application/json';
      if (token && !h.authorization) h.authorization = `Bearer ${token}`;
      if (jar.size) h.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(baseUrl + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair!.indexOf('=');
        const name = pair!.slice(0, i);
        const value = pair!.slice(i + 1);
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    },
    get: <T = any>(p: string, h?: Record<string, string>) => client.request<T>('GET', p, undefined, h),
    post: <T = any>(p: string, b?: unknown, h?: Record<string, string>) =>
      client.request<T>('POST', p, b ?? {}, h),
    put: <T = any>(p: string, b?: unknown, h?: Record<string, string>) =>
      client.request<T>('PUT', p, b ?? {}, h),
    patch: <T = any>(p: string, b?: unknown, h?: Record<string, string>) =>
      client.request<T>('PATCH', p, b ?? {}, h),
    del: <T = any>(p: string, h?: Record<string, string>) => client.request<T>('DELETE', p, undefined, h),
    /** Signs in and keeps the access token for later calls. */
    async login(email: string, password: string, otp?: string) {
      const r = await client.post('/api/v1/auth/login', { email, password, ...(otp ? { otp } : {}) });
      if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
      token = r.body.accessToken;
      return r.body;
    },
  };
  return client;
}
export type TestClient = ReturnType<typeof createClient>;
