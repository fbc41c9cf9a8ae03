import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Level, Logger } from 'pino';

/** A caller's X-Request-Id is kept when it is this plain; otherwise the request gets a new uuid. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Names every request (req.id, and the X-Request-Id answer header) and logs one line when it is
 * answered: its id, method and path (never the query string: it can carry search terms that are
 * personal data), the status and the response time in ms; at error for 5xx, warn for 4xx and for a
 * request whose client left before its answer was sent (a timeout somewhere, or a slow answer),
 * info otherwise.
 *
 * In place of pino-http, which made a child logger for every request and serialised the request
 * into it before knowing whether any line would be written: about 3% of the server's CPU on a
 * profile read (bench/reads.mjs, issue F10), at every log level.
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', id);
    (req as Request & { id: string }).id = id;
    const started = performance.now();
    const answered = () => {
      res.removeListener('finish', answered);
      res.removeListener('close', answered);
      const status = res.statusCode;
      const aborted = !res.writableFinished;
      const level: Level = status >= 500 ? 'error' : status >= 400 || aborted ? 'warn' : 'info';
      if (!log.isLevelEnabled(level)) return;
      log[level](
        {
          req: { id, method: req.method, path: req.originalUrl.split('?')[0] },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        },
        aborted ? 'request aborted' : status >= 500 ? 'request errored' : 'request completed',
      );
    };
    res.on('finish', answered);
    res.on('close', answered);
    next();
  };
}
