import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { sendFile } from './dto/register-list';
import {
  AlertsQuery,
  CombinedExportQuery,
  ImportDocumentDto,
  ImportProfileDto,
  ProfileParam,
} from './dto/register-tools.dto';
import { RegisterImportService } from './register-import.service';
import { RegisterReportsService } from './register-reports.service';

/** Across the registers: alerts, the combined export, profiles and import (retention rules: retention/rules). */
@ApiTags('registers')
@Controller('registers')
export class RegisterToolsController {
  constructor(
    private readonly reports: RegisterReportsService,
    private readonly imports: RegisterImportService,
  ) {}

  /** For the DPO's home screen: DPAs expiring, inspections overdue, transfers and processors missing something. */
  @Get('alerts')
  @Can('read', 'Register')
  alerts(@CurrentStaff() me: StaffContext, @Query() q: AlertsQuery) {
    return this.reports.alerts(me, q.policyId);
  }

  /** Every register in one document for a regulator's request. */
  @Get('export')
  @Can('read', 'Register')
  @Audited('download', 'registers')
  async export(@CurrentStaff() me: StaffContext, @Query() q: CombinedExportQuery, @Res() res: Response): Promise<void> {
    sendFile(res, await this.reports.exportCombined(me, q.format ?? 'xlsx', q));
  }

  @Get('profiles')
  @Can('read', 'Register')
  profiles(@CurrentStaff() me: StaffContext) {
    return this.imports.profiles(me);
  }

  @Post('profiles/:code/import')
  @Can('create', 'Register')
  @Audited('create', 'registers')
  importProfile(@CurrentStaff() me: StaffContext, @Param() { code }: ProfileParam, @Body() dto: ImportProfileDto) {
    return this.imports.importProfile(me, code, dto.reason);
  }

  @Post('import')
  @Can('create', 'Register')
  @Audited('create', 'registers')
  importDocument(@CurrentStaff() me: StaffContext, @Body() dto: ImportDocumentDto) {
    return this.imports.importFromRequest(me, dto.document, dto.reason);
  }
}
