import { applyDecorators, Get, Injectable, Param, Query, Res, type Type } from '@nestjs/common';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import type { SubjectType } from '../authorization/abilities';
import { Can, StepUp } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { setContentRange } from '../common/list-query';
import { parseRegisterList, sendFile } from './dto/register-list';
import { AsOfQuery, ExportQuery } from './dto/register-tools.dto';
import type { ExportRegister } from './register-exporter';
import type { RegisterName } from './register-types';
import { RegisterReportsService } from './register-reports.service';
import { RegistersService } from './registers.service';

/** What differs between the registers' read routes. */
export interface RegisterReadOptions<S extends string> {
  /** The register's name in RegistersService and the exporter. */
  register: RegisterName & ExportRegister;
  /** The resource named in the list's Content-Range (react-admin's resource). */
  resource: string;
  /** The CASL subject every route checks `read` on. */
  subject: SubjectType;
  sortFields: readonly S[];
  defaultSort: S;
  /** Order when the request names no sort. */
  defaultOrder?: 'ASC' | 'DESC';
  filterClass: Type<object>;
  /** Access-log resource of an export (every export is a download event). */
  exportAudit: string;
  /** Access-log resource of list/get/history, for a register whose rows name a person. */
  viewAudit?: string;
  /** An export of rows that name people needs a fresh TOTP (DESIGN.md, step-up: exporting). */
  exportStepUp?: boolean;
}

/**
 * The read routes every register has: list, export, one row (optionally as of a date) and its
 * history. A controller extends the class this returns and adds its own create/update routes, so
 * their bodies keep their concrete DTO types (the global ValidationPipe validates by the
 * parameter's design type; a generic one would not be validated). The parameter types here are
 * concrete too (IdParam, AsOfQuery, ExportQuery; the list query is checked by parseRegisterList).
 */
export function RegisterReadRoutes<S extends string>(o: RegisterReadOptions<S>) {
  const viewed = o.viewAudit === undefined ? applyDecorators() : Audited('view', o.viewAudit);
  const exportGuard = o.exportStepUp ? StepUp() : applyDecorators();

  @Injectable()
  abstract class RegisterReadController {
    // Public, not protected: TypeScript cannot declare a protected member of a class a function returns.
    constructor(
      readonly registers: RegistersService,
      readonly reports: RegisterReportsService,
    ) {}

    @Get()
    @Can('read', o.subject)
    @viewed
    async list(
      @CurrentStaff() me: StaffContext,
      @Query() query: Record<string, unknown>,
      @Res({ passthrough: true }) res: Response,
    ) {
      const { params, asOf } = parseRegisterList(query, o);
      if (query.sort === undefined && o.defaultOrder !== undefined) params.sortOrder = o.defaultOrder;
      const { rows, total } = await this.registers.list(me, o.register, params, asOf);
      setContentRange(res, o.resource, params.offset, rows.length, total);
      return rows;
    }

    @Get('export')
    @Can('read', o.subject)
    @exportGuard
    @Audited('download', o.exportAudit)
    async export(@CurrentStaff() me: StaffContext, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
      sendFile(res, await this.reports.exportRegister(me, o.register, q.format ?? 'csv', q));
    }

    @Get(':id')
    @Can('read', o.subject)
    @viewed
    get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: AsOfQuery) {
      return this.registers.get(me, o.register, id, q.asOf);
    }

    @Get(':id/history')
    @Can('read', o.subject)
    @viewed
    history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
      return this.registers.history(me, o.register, id);
    }
  }
  return RegisterReadController;
}
