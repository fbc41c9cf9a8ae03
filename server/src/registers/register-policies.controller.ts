import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../auth/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreatePolicyDto, PolicyFilterDto, UpdatePolicyDto } from './dto/policy.dto';
import { COMMON_SORT_FIELDS, parseRegisterList, sendFile, setContentRange } from './dto/register-list';
import { AsOfQuery, DriftDto, ExportQuery, RenderQuery } from './dto/register-tools.dto';
import { RegisterReportsService } from './register-reports.service';
import { RegistersService } from './registers.service';

const SORT_FIELDS = [...COMMON_SORT_FIELDS.filter((f) => f !== 'position'), 'code'] as const;

/** The published privacy policies the registers feed: their rows, rendering and drift check. */
@ApiTags('registers')
@Controller('registers/policies')
export class RegisterPoliciesController {
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
      defaultSort: 'code',
      filterClass: PolicyFilterDto,
    });
    const { rows, total } = await this.registers.list(me, 'policies', params, asOf);
    setContentRange(res, 'policies', params.offset, rows.length, total);
    return rows;
  }

  @Get('export')
  @Can('read', 'Register')
  @Audited('download', 'register-policies')
  async export(@CurrentStaff() me: StaffContext, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.exportRegister(me, 'policies', q.format ?? 'csv', q));
  }

  @Get(':id')
  @Can('read', 'Register')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: AsOfQuery) {
    return this.registers.get(me, 'policies', id, q.asOf);
  }

  @Get(':id/history')
  @Can('read', 'Register')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.registers.history(me, 'policies', id);
  }

  /** The policy's tables generated from the registers (Markdown or HTML, Korean or English). */
  @Get(':id/render')
  @Can('read', 'Register')
  render(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: RenderQuery) {
    return this.reports.render(me, id, q);
  }

  /** Every difference between a published policy (Markdown) and the registers. */
  @Post(':id/drift')
  @HttpCode(200)
  @Can('read', 'Register')
  drift(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: DriftDto) {
    return this.reports.driftCheck(me, id, dto.markdown);
  }

  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-policy')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreatePolicyDto) {
    return this.registers.create(me, 'policies', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-policy')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdatePolicyDto,
  ) {
    return this.registers.update(me, 'policies', id, input, version, reason);
  }
}
