import { readFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import { ensureUiBuilt, startTestServer, TestServer } from '../support/server';

/** A GET with node:http, which (unlike supertest) hands over the bytes as sent, still compressed. */
const getRaw = (
  url: string,
  acceptEncoding: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
  new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });

describe('the built console is served compressed, with long cache lifetimes for hashed assets', () => {
  let server: TestServer;
  let dist: string;
  let entry: string;
  beforeAll(async () => {
    dist = ensureUiBuilt();
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    entry = /<script[^>]*\ssrc="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    server = await startTestServer({ serveUi: true });
  }, 180_000);
  afterAll(() => server.close());

  it('finds the entry script in index.html (so the checks below cannot pass vacuously)', () => {
    expect(entry).toMatch(/^\/assets\/index-[A-Za-z0-9_-]+\.js$/);
  });

  it.each([
    ['br', 'br', brotliDecompressSync],
    ['gzip', 'gzip, deflate', gunzipSync],
    ['br', 'gzip;q=0.5, br', brotliDecompressSync],
  ] as const)('sends the %s file to a browser accepting "%s", cached for a year', async (encoding, accept, decode) => {
    const res = await getRaw(server.url + entry, accept);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
    const original = readFileSync(join(dist, entry));
    expect(res.body.length).toBeLessThan(original.length / 2);
    expect(decode(res.body).equals(original)).toBe(true);
  });

  it('sends the plain file to a client that accepts no compression, still immutable', async () => {
    const res = await getRaw(server.url + entry, 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.equals(readFileSync(join(dist, entry)))).toBe(true);
  });

  it('revalidates index.html on every load, at / and at any client-side route', async () => {
    for (const path of ['/', '/index.html', '/some/client/route']) {
      const res = await request(server.url).get(path);
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({
        path,
        status: 200,
        cache: 'no-cache',
      });
      expect(res.text).toContain(entry);
    }
  });

  it('answers 404 for an asset that does not exist (a chunk from an older build), not index.html', async () => {
    const res = await request(server.url).get('/assets/AccessLogList-gone1234.js').set('Accept-Encoding', 'br');
    expect(res.status).toBe(404);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).not.toContain('<html');
  });

  it('keeps Cache-Control: no-store on /api answers', async () => {
    const res = await request(server.url).get('/api/health').set('Accept-Encoding', 'br, gzip');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
