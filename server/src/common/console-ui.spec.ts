import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { mountConsoleUi } from './console-ui';

describe('the console UI middleware', () => {
  let dir: string;
  let app: express.Express;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'console-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
    // Files where API paths point: served only if the UI middleware looked on disk for /api.
    mkdirSync(join(dir, 'api'));
    writeFileSync(join(dir, 'api', 'health'), 'a file, not the API');
    app = express();
    mountConsoleUi(app, dir);
    app.use((_req, res) => res.status(418).send('the API'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never looks on disk for an /api path: the request goes straight on to the API', async () => {
    for (const path of ['/api/health', '/api', '/api/', '/api/unknown']) {
      const res = await request(app).get(path);
      expect({ path, status: res.status, text: res.text }).toEqual({ path, status: 418, text: 'the API' });
    }
  });

  it('still serves files and the client-side routes outside /api', async () => {
    expect((await request(app).get('/robots.txt').expect(200)).text).toBe('User-agent: *');
    expect((await request(app).get('/subjects/123').expect(200)).text).toContain('<title>console</title>');
    await request(app).get('/assets/gone-123.js').expect(404);
  });
});
