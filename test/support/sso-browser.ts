import request from 'supertest';

/**
 * Follows the sign-in redirects between the console and the test provider the way a browser
 * does, one hop at a time, keeping each origin's cookies.
 */
export class SsoBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  constructor(private readonly consoleUrl: string) {}

  /** One request, no redirect followed; keeps the cookies it sets. */
  async get(url: string, options: { withoutCookies?: string[]; accept?: string } = {}): Promise<Response> {
    const target = new URL(url, this.consoleUrl);
    const jar = this.jar(target.host);
    const cookie = [...jar]
      .filter(([name]) => !(options.withoutCookies ?? []).includes(name))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const headers: Record<string, string> = { accept: options.accept ?? '*/*' };
    if (cookie !== '') headers.cookie = cookie;
    const res = await fetch(target, { redirect: 'manual', headers });
    this.keep(target.host, res.headers.getSetCookie());
    return res;
  }

  /**
   * Starts single sign-on at the console and follows the redirects through the provider; answers
   * the provider's redirect back to the console's callback, not yet followed.
   */
  async throughProvider(): Promise<string> {
    let res = await this.get('/api/auth/sso/start');
    for (let hop = 0; hop < 10; hop += 1) {
      const location = res.headers.get('location');
      if (location === null) throw new Error(`No redirect (${res.status}): ${await res.text()}`);
      const next = new URL(location, res.url);
      if (next.pathname === '/api/auth/sso/callback') return next.href;
      res = await this.get(next.href);
    }
    throw new Error('Too many redirects');
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar(host).get(name);
  }

  setCookie(host: string, name: string, value: string): void {
    this.jar(host).set(name, value);
  }

  /** Calls the console's API with this browser's cookies (and keeps any new ones). */
  async api(method: 'get' | 'post', path: string, body: object = {}): Promise<request.Response> {
    const host = new URL(this.consoleUrl).host;
    const cookies = [...this.jar(host)].map(([name, value]) => `${name}=${value}`).join('; ');
    const req =
      method === 'get'
        ? request(this.consoleUrl).get(path)
        : request(this.consoleUrl).post(path).set('x-csrf-protection', '1').send(body);
    const res = await req.set('Cookie', cookies);
    this.keep(host, (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []);
    return res;
  }

  private keep(host: string, lines: string[]): void {
    const jar = this.jar(host);
    for (const line of lines) {
      const [pair, ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }

  private jar(host: string): Map<string, string> {
    let jar = this.jars.get(host);
    if (jar === undefined) {
      jar = new Map();
      this.jars.set(host, jar);
    }
    return jar;
  }
}
