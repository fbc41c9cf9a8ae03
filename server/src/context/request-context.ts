import type { Request } from 'express';
import type { AuditedRequestState } from '../access-log/audited';
import type { StaffContext } from './staff-context';

/** What the guards attach to a request. */
export interface ConsoleRequest extends Request {
  id: string;
  staff?: StaffContext;
  /** Set on routes declared @Audited. */
  audited?: AuditedRequestState;
}

export function clientIp(req: Request): string | undefined {
  return req.ip ?? req.socket.remoteAddress ?? undefined;
}

export function userAgent(req: Request): string | undefined {
  const ua = req.headers['user-agent'];
  return ua === undefined ? undefined : ua.slice(0, 512);
}
