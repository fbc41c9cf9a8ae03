import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../auth/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateActivityDto, ActivityFilterDto, UpdateActivityDto } from './dto/activity.dto';
import { COMMON_SORT_FIELDS, parseRegisterList, sendFile, setContentRange } from './dto/register-list';
import { AsOfQuery, ExportQuery } from './dto/register-tools.dto';
import { RegisterReportsService } from './register-reports.service';
import { RegistersService } from './registers.service';

const SORT_FIELDS = [...COMMON_SORT_FIELDS, 'status'] as const;

/** Processing activities (GDPR Art. 30(1)). */
@ApiTags('registers')
@Controller('registers/activities')
export class ActivitiesController {
  constructor(
    private readonly registers: RegistersService,
    private readonly reports: RegisterReportsService,
  ) {}

  @Get()
  @Can('read', 'Register')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { params, asOf } = parseRegisterList(query, {
      sortFields: SORT_FIELDS,
      defaultSort: 'position',
      filterClass: ActivityFilterDto,
    });
    const { rows, total } = await this.registers.list(me, 'activities', params, asOf);
    setContentRange(res, 'activities', params.offset, rows.length, total);
    return rows;
  }

  @Get('export')
  @Can('read', 'Register')
  @Audited('download', 'register-activities')
  async export(@CurrentStaff() me: StaffContext, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.exportRegister(me, 'activities', q.format ?? 'csv', q));
  }

  @Get(':id')
  @Can('read', 'Register')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: AsOfQuery) {
    return this.registers.get(me, 'activities', id, q.asOf);
  }

  @Get(':id/history')
  @Can('read', 'Register')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.registers.history(me, 'activities', id);
  }

  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-activity')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateActivityDto) {
    return this.registers.create(me, 'activities', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-activity')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateActivityDto,
  ) {
    return this.registers.update(me, 'activities', id, input, version, reason);
  }
}
