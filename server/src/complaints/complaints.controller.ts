import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import type { StaffContext } from '../context/staff-context';
import { ComplaintsService } from './complaints.service';
import {
  AssignComplaintDto,
  COMPLAINT_SORT_FIELDS,
  ComplaintFilterDto,
  CreateComplaintDto,
  EscalateComplaintDto,
  ResolveComplaintDto,
  SummaryQueryDto,
  UpdateComplaintDto,
} from './dto/complaint-requests.dto';

@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  /** The inbox; filters status, severity, category, assigneeId, subjectId, overdue. No complaint text. */
  @Get()
  @Can('read', 'Complaint')
  @Audited('view', 'complaint')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: COMPLAINT_SORT_FIELDS,
      defaultSort: 'receivedAt',
      filterClass: ComplaintFilterDto,
    });
    const { rows, total } = await this.complaints.list(me, params);
    setContentRange(res, 'complaints', params.offset, rows.length, total);
    return rows;
  }

  /** The month's figures: counts only, no complaint or person named. */
  @Get('summary')
  @Can('read', 'Complaint')
  monthlySummary(@CurrentStaff() me: StaffContext, @Query() { month }: SummaryQueryDto) {
    return this.complaints.summary(me, month);
  }

  @Get(':id')
  @Can('read', 'Complaint')
  @Audited('view', 'complaint')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.complaints.get(me, id);
  }

  @Post()
  @Can('create', 'Complaint')
  @Audited('create', 'complaint')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateComplaintDto) {
    return this.complaints.create(me, dto);
  }

  @Patch(':id')
  @Can('update', 'Complaint')
  @Audited('edit', 'complaint')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: UpdateComplaintDto) {
    return this.complaints.update(me, id, dto);
  }

  @Put(':id/assignee')
  @Can('assign', 'Complaint')
  @Audited('edit', 'complaint')
  assign(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: AssignComplaintDto) {
    return this.complaints.assign(me, id, dto);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Can('resolve', 'Complaint')
  @Audited('edit', 'complaint')
  resolve(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ResolveComplaintDto) {
    return this.complaints.resolve(me, id, dto);
  }

  /** Records an escalation to KISA 118, the mediation committee, the police or an EU authority (append-only). */
  @Post(':id/escalations')
  @Can('escalate', 'Complaint')
  @Audited('edit', 'complaint')
  escalate(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: EscalateComplaintDto) {
    return this.complaints.escalate(me, id, dto);
  }
}
