import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { sendPdf } from '../../common/downloads';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import type { StaffContext } from '../../context/staff-context';
import { RegisterQueryDto, ReportQueryDto } from './dto/register-query.dto';
import { IncidentRegisterService, type RegisterFile } from './incident-register.service';

const send = (res: Response, file: RegisterFile) =>
  res
    .status(200)
    .type(file.contentType)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('X-Row-Count', String(file.rows))
    .send(file.body);

/**
 * The breach register and the per-incident report. Registered before the incidents controller:
 * its `GET incidents/:id` would otherwise take `register.csv` for an id.
 */
@ApiTags('incidents')
@Controller('incidents')
export class IncidentRegisterController {
  constructor(private readonly register: IncidentRegisterService) {}

  /** Every incident aware in the period, reported or not (GDPR Art. 33(5)), as CSV. */
  @Get('register.csv')
  @Can('read', 'Incident')
  @Audited('download', 'incident-register')
  async csv(@CurrentStaff() me: StaffContext, @Query() q: RegisterQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.register.register(me, 'csv', q));
  }

  @Get('register.xlsx')
  @Can('read', 'Incident')
  @Audited('download', 'incident-register')
  async xlsx(@CurrentStaff() me: StaffContext, @Query() q: RegisterQueryDto, @Res() res: Response): Promise<void> {
    send(res, await this.register.register(me, 'xlsx', q));
  }

  @Get(':id/report.pdf')
  @Can('read', 'Incident')
  @Audited('download', 'incident')
  async report(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Query() q: ReportQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.register.report(me, id, q.locale ?? 'ko'));
  }
}
