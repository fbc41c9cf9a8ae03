import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { IsUUID } from 'class-validator';
import { AuthEventService } from '../access-log/auth-event.service';
import { AuthEventType } from '../access-log/auth-event-type';
import { Audited } from '../access-log/audited';
import { AuditService } from '../access-log/audit.service';
import { staffSubject } from '../access-log/audit-event';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { Problem } from '../common/problem';
import { AuthErrorCode } from './auth.errors';
import { SessionResponse } from './dto/auth-responses.dto';
import { SessionService } from './session.service';
import type { StaffContext } from '../context/staff-context';

class SessionParams extends IdParam {
  @IsUUID('all')
  sessionId!: string;
}

/** A sysadmin's view of a staff member's open sessions, and the power to end them. */
@ApiTags('staff')
@Controller('staff/:id/sessions')
export class SessionsController {
  constructor(
    private readonly sessions: SessionService,
    private readonly events: AuthEventService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Can('read', 'StaffSession')
  @Audited('view', 'staff-session')
  async list(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam): Promise<SessionResponse[]> {
    const open = await this.sessions.listOpen(id);
    await this.audit.record(
      {
        action: 'view',
        resource: 'staff-session',
        outcome: 'success',
        subjectId: staffSubject(id),
        fields: ['ip', 'userAgent', 'createdAt', 'lastSeenAt'],
        detail: { count: open.length },
      },
      me.origin,
    );
    return open.map((s) => ({
      id: s.id,
      stage: s.stage,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === me.sessionId,
    }));
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @Can('endSession', 'StaffSession')
  @Audited('administer', 'staff-session')
  async endOne(@CurrentStaff() me: StaffContext, @Param() { id, sessionId }: SessionParams): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    if (session === null || session.staffId !== id) {
      throw Problem.of(AuthErrorCode.SessionNotFound, 'No such session for this staff member');
    }
    throwUnlessCan(me.ability, 'endSession', asSubject('StaffSession', { ...session }));
    if (await this.sessions.end(sessionId, 'ended_by_admin')) {
      await this.events.record(
        {
          type: AuthEventType.SessionEnded,
          outcome: 'success',
          staffId: id,
          detail: { reason: 'ended_by_admin', sessionId },
        },
        me.origin,
      );
    }
  }

  @Delete()
  @HttpCode(204)
  @Can('endSession', 'StaffSession')
  @Audited('administer', 'staff-session')
  async endAll(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam): Promise<void> {
    const count = await this.sessions.endAllFor(id, 'ended_by_admin');
    await this.events.record(
      {
        type: AuthEventType.SessionEnded,
        outcome: 'success',
        staffId: id,
        detail: { reason: 'ended_by_admin', count },
      },
      me.origin,
    );
  }
}
