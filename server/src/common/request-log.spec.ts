import express from 'express';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createLogger } from './logger';
import { requestLog } from './request-log';

function appLogging(level: string) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = express();
  app.use(requestLog(log));
  app.get('/api/subjects', (req, res) => res.json({ id: (req as express.Request & { id: string }).id }));
  app.get('/api/missing', (_req, res) => res.status(404).json({}));
  app.get('/api/broken', (_req, res) => res.status(500).json({}));
  const arrived: ((res: express.Response) => void)[] = [];
  // Never answered: the test's client leaves first.
  app.get('/api/slow', (_req, res) => arrived.shift()?.(res));
  return { app, lines, arrived };
}

describe('requestLog', () => {
  it('logs the path without its query string, the status and the time, under the request id it answers', async () => {
    const { app, lines } = appLogging('info');
    const res = await request(app).get('/api/subjects?filter=%7B%22q%22%3A%22%EA%B9%80%EB%AF%BC%22%7D').expect(200);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.id).toBe(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id, method: 'GET', path: '/api/subjects' },
      res: { statusCode: 200 },
    });
    expect(typeof lines[0].responseTime).toBe('number');
    expect(JSON.stringify(lines)).not.toMatch(/filter|q%22|김민/);
  });

  it('keeps a plain X-Request-Id and replaces any other', async () => {
    const { app } = appLogging('info');
    const kept = await request(app).get('/api/subjects').set('X-Request-Id', 'trace-42.a_b').expect(200);
    expect(kept.headers['x-request-id']).toBe('trace-42.a_b');
    const replaced = await request(app).get('/api/subjects').set('X-Request-Id', 'no spaces, please').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs a 4xx at warn and a 5xx at error, and nothing below the level', async () => {
    const { app, lines } = appLogging('warn');
    await request(app).get('/api/subjects').expect(200);
    await request(app).get('/api/missing').expect(404);
    await request(app).get('/api/broken').expect(500);
    expect(lines.map((l) => [l.level, l.msg, (l.res as { statusCode: number }).statusCode])).toEqual([
      [40, 'request completed', 404],
      [50, 'request errored', 500],
    ]);
  });

  it('logs a request whose client left before the answer at warn, as aborted', async () => {
    const { app, lines, arrived } = appLogging('warn');
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const reached = new Promise<express.Response>((resolve) => arrived.push(resolve));
      const req = http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/slow`);
      req.on('error', () => undefined);
      const res = await reached;
      req.destroy();
      // The request log listens first, so it has written its line when this runs.
      await once(res, 'close');
      expect(lines).toEqual([
        expect.objectContaining({
          level: 40,
          msg: 'request aborted',
          req: expect.objectContaining({ path: '/api/slow' }),
        }),
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
