import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Where Vite puts the hashed build output: a changed file gets a new name. */
const ASSETS_PREFIX = '/assets/';
/** One path segment of plain characters: nothing that could climb out of the assets folder. */
const ASSET_PATH = /^\/assets\/[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** A hashed asset never changes under its name: browsers and proxies keep it for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets: revalidated on every load, so a deploy shows at once. */
export const REVALIDATE = 'no-cache';

/** The encodings the build writes beside each asset (admin-ui/vite.config.ts), in order of preference. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the built console at /, with client-side routes falling back to index.html.
 *
 * The build precompresses each asset (brotli at its highest quality and gzip, see
 * vite.config.ts) once, so answers are compressed with no CPU spent per request and no
 * compression middleware: the server only picks the file the browser accepts. Assets under
 * /assets/ carry their content hash in their name and are cached for a year; index.html is
 * revalidated each time. A missing asset is a 404, never index.html: a tab left open across a
 * deploy asks for chunks that are gone, and must see an error, not HTML parsed as JavaScript.
 */
export function mountConsoleUi(app: { use(handler: express.RequestHandler): unknown }, dir: string): void {
  const index = join(dir, 'index.html');
  const ui = express.Router();
  ui.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !ASSET_PATH.test(req.path)) return next();
    res.vary('Accept-Encoding');
    const accepted = req.acceptsEncodings(...ENCODINGS.map((e) => e.name));
    const encoding = ENCODINGS.find((e) => e.name === accepted);
    if (encoding === undefined || !existsSync(join(dir, req.path + encoding.suffix))) return next();
    // The type of the original file, set before serve-static (which keeps a type already set).
    res.type(extname(req.path));
    res.setHeader('Content-Encoding', encoding.name);
    req.url = req.path + encoding.suffix;
    next();
  });
  ui.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: cacheHeaders(dir) }));
  ui.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith(ASSETS_PREFIX)) {
      res.setHeader('Cache-Control', REVALIDATE);
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
  // The API never reaches the console's files: no disk check (serve-static's stat) per API request.
  app.use((req: Request, res: Response, next: NextFunction) => (isApiPath(req.path) ? next() : ui(req, res, next)));
}

function isApiPath(path: string): boolean {
  return path.startsWith('/api');
}

const cacheHeaders =
  (dir: string) =>
  (res: Response, path: string): void => {
    if (path.startsWith(join(dir, 'assets') + '/')) res.setHeader('Cache-Control', IMMUTABLE);
    else if (path.endsWith('.html')) res.setHeader('Cache-Control', REVALIDATE);
  };
