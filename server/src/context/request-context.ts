import type { Request } from 'express';
import type { AuditAction } from '../access-log/audit-event';
import type { StaffContext } from './staff-context';

/** What a route's @Audited declares (access-log/audited.ts). */
export interface AuditedDeclaration {
  action: AuditAction;
  resource: string;
  /** The access-log subject prefix of the route's `:id` (`subject`, `staff`), for denials. */
  subjectOf?: string;
}

/** What the @Audited interceptor leaves on the request, so a 4xx on an audited route is logged as a denial. */
export interface AuditedRequestState extends AuditedDeclaration {
  scope: { recorded: number };
}

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
