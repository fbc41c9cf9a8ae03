import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import { IncidentAffectedService } from './affected.service';
import {
  AFFECTED_SORT_FIELDS,
  AffectedFilterDto,
  AffectedPersonParam,
  NotifyAffectedDto,
  SelectAffectedDto,
} from './dto/affected.dto';

/** An incident's people (always masked), their notices, and the access-log events linked to it. */
@ApiTags('incidents')
@Controller('incidents/:id')
export class IncidentAffectedController {
  constructor(private readonly affected: IncidentAffectedService) {}

  /** The masked list (react-admin): masked name and contact, and each person's notification. */
  @Get('affected')
  @Can('read', 'IncidentSubject')
  @Audited('view', 'incident-subject')
  async list(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: AFFECTED_SORT_FIELDS,
      defaultSort: 'addedAt',
      filterClass: AffectedFilterDto,
    });
    const { rows, total } = await this.affected.list(me, id, params);
    setContentRange(res, 'affected', params.offset, rows.length, total);
    return rows;
  }

  /** Adds people by a query (or counts them, with `preview`). Create is checked unless previewing. */
  @Post('affected/select')
  @HttpCode(200)
  @Can('read', 'IncidentSubject')
  @Audited('create', 'incident-subject')
  select(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: SelectAffectedDto) {
    return this.affected.select(me, id, dto);
  }

  @Post('affected/notify')
  @HttpCode(200)
  @Can('notify', 'Incident')
  @Audited('create', 'incident-notification')
  notify(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: NotifyAffectedDto) {
    return this.affected.notify(me, id, dto);
  }

  @Delete('affected/:subjectId')
  @Can('create', 'IncidentSubject')
  @Audited('delete', 'incident-subject')
  remove(@CurrentStaff() me: StaffContext, @Param() { id, subjectId }: AffectedPersonParam) {
    return this.affected.remove(me, id, subjectId);
  }

  @Get('audit-events')
  @Can('read', 'IncidentSubject')
  @Audited('view', 'access-log')
  auditEvents(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.affected.auditEvents(me, id);
  }
}
