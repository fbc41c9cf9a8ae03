import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../auth/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateDisclosureDto, DisclosureFilterDto, UpdateDisclosureDto } from './dto/disclosure.dto';
import { parseRegisterList, sendFile, setContentRange } from './dto/register-list';
import { AsOfQuery, ExportQuery } from './dto/register-tools.dto';
import { RegisterReportsService } from './register-reports.service';
import { RegistersService } from './registers.service';

const SORT_FIELDS = ['disclosedOn', 'createdAt', 'updatedAt'] as const;

/** Disclosures the law required. They name a subject: every read is in the access log. */
@ApiTags('registers')
@Controller('legal-disclosures')
export class LegalDisclosuresController {
  constructor(
    private readonly registers: RegistersService,
    private readonly reports: RegisterReportsService,
  ) {}

  @Get()
  @Can('read', 'LegalDisclosure')
  @Audited('view', 'legal-disclosure')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { params, asOf } = parseRegisterList(query, {
      sortFields: SORT_FIELDS,
      defaultSort: 'disclosedOn',
      filterClass: DisclosureFilterDto,
    });
    // Newest first unless asked otherwise.
    if (query.sort === undefined) params.sortOrder = 'DESC';
    const { rows, total } = await this.registers.list(me, 'disclosures', params, asOf);
    setContentRange(res, 'legal-disclosures', params.offset, rows.length, total);
    return rows;
  }

  @Get('export')
  @Can('read', 'LegalDisclosure')
  @Audited('download', 'legal-disclosure')
  async export(@CurrentStaff() me: StaffContext, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.exportRegister(me, 'disclosures', q.format ?? 'csv', q));
  }

  @Get(':id')
  @Can('read', 'LegalDisclosure')
  @Audited('view', 'legal-disclosure')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: AsOfQuery) {
    return this.registers.get(me, 'disclosures', id, q.asOf);
  }

  @Get(':id/history')
  @Can('read', 'LegalDisclosure')
  @Audited('view', 'legal-disclosure')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.registers.history(me, 'disclosures', id);
  }

  @Post()
  @Can('create', 'LegalDisclosure')
  @Audited('create', 'legal-disclosure')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateDisclosureDto) {
    return this.registers.create(me, 'disclosures', input, reason);
  }

  @Put(':id')
  @Can('update', 'LegalDisclosure')
  @Audited('edit', 'legal-disclosure')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateDisclosureDto,
  ) {
    return this.registers.update(me, 'disclosures', id, input, version, reason);
  }
}
