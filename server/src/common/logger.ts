import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/** Paths that never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.code',
  '*.recoveryCode',
  '*.secret',
  '*.token',
];

/** The console's logger; `destination` defaults to stdout (tests pass one to read what was logged). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'console' } };
  return destination ? pino(options, destination) : pino(options);
}

/** Sends Nest's own log lines through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pinoLog: Logger) {}

  log(message: unknown, context?: string): void {
    this.pinoLog.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.pinoLog.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.pinoLog.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.pinoLog.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.pinoLog.trace({ context }, String(message));
  }
}

/** Injection token for the pino logger. */
export const APP_LOGGER = 'APP_LOGGER';
