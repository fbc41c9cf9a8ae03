import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../auth/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateProcessorDto, ProcessorFilterDto, UpdateProcessorDto } from './dto/processor.dto';
import { COMMON_SORT_FIELDS, parseRegisterList, sendFile, setContentRange } from './dto/register-list';
import { AsOfQuery, ExportQuery } from './dto/register-tools.dto';
import { RegisterReportsService } from './register-reports.service';
import { RegistersService } from './registers.service';

const SORT_FIELDS = [...COMMON_SORT_FIELDS, 'status', 'dpaExpiresOn', 'nextInspectionDue'] as const;

/** Processors and sub-processors (PIPA Art. 26). */
@ApiTags('registers')
@Controller('registers/processors')
export class ProcessorsController {
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
      filterClass: ProcessorFilterDto,
    });
    const { rows, total } = await this.registers.list(me, 'processors', params, asOf);
    setContentRange(res, 'processors', params.offset, rows.length, total);
    return rows;
  }

  @Get('export')
  @Can('read', 'Register')
  @Audited('download', 'register-processors')
  async export(@CurrentStaff() me: StaffContext, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.exportRegister(me, 'processors', q.format ?? 'csv', q));
  }

  @Get(':id')
  @Can('read', 'Register')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: AsOfQuery) {
    return this.registers.get(me, 'processors', id, q.asOf);
  }

  @Get(':id/history')
  @Can('read', 'Register')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.registers.history(me, 'processors', id);
  }

  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-processor')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateProcessorDto) {
    return this.registers.create(me, 'processors', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-processor')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateProcessorDto,
  ) {
    return this.registers.update(me, 'processors', id, input, version, reason);
  }
}
