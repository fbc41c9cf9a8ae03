import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { sendPdf } from '../../common/downloads';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import { DestructionCertificateService } from './destruction-certificate.service';
import { DestructionService } from './destruction.service';
import {
  CERTIFICATE_SORT_FIELDS,
  CertificatePdfQueryDto,
  CertificateFilterDto,
  RunFilterDto,
  PreviewQueryDto,
  QUEUE_SORT_FIELDS,
  QueueFilterDto,
  RUN_SORT_FIELDS,
} from './dto/destruction-requests.dto';

/** The destruction queue, its preview, the runs and their certificates (read `Destruction`). */
@ApiTags('retention')
@Controller('retention')
export class DestructionController {
  constructor(
    private readonly destruction: DestructionService,
    private readonly certificates: DestructionCertificateService,
  ) {}

  /** Items name people by id: audited. */
  @Get('queue')
  @Can('read', 'Destruction')
  @Audited('view', 'destruction-queue')
  async queue(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: QUEUE_SORT_FIELDS,
      defaultSort: 'dueOn',
      filterClass: QueueFilterDto,
    });
    const { rows, total } = await this.destruction.listQueue(me, params.filter, params);
    setContentRange(res, 'queue', params.offset, rows.length, total);
    return rows;
  }

  /** Counts per rule with why: no one named. */
  @Get('queue/preview')
  @Can('read', 'Destruction')
  preview(@CurrentStaff() me: StaffContext, @Query() q: PreviewQueryDto) {
    return this.destruction.preview(me, q.on);
  }

  @Get('runs')
  @Can('read', 'Destruction')
  async runs(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: RUN_SORT_FIELDS,
      defaultSort: 'startedAt',
      filterClass: RunFilterDto,
    });
    const { rows, total } = await this.destruction.listRuns(me, params.filter, params);
    setContentRange(res, 'runs', params.offset, rows.length, total);
    return rows;
  }

  @Get('runs/:id')
  @Can('read', 'Destruction')
  run(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.destruction.getRun(me, id);
  }

  @Get('certificates')
  @Can('read', 'Destruction')
  async certificatesList(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: CERTIFICATE_SORT_FIELDS,
      defaultSort: 'issuedAt',
      filterClass: CertificateFilterDto,
    });
    const { rows, total } = await this.destruction.listCertificates(me, params.filter, params);
    setContentRange(res, 'certificates', params.offset, rows.length, total);
    return rows;
  }

  @Get('certificates/:id')
  @Can('read', 'Destruction')
  certificate(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.destruction.getCertificate(me, id);
  }

  /** The certificate as a PDF from its template; the download is recorded. */
  @Get('certificates/:id/pdf')
  @Can('read', 'Destruction')
  @Audited('download', 'destruction-certificate')
  async pdf(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Query() q: CertificatePdfQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    sendPdf(res, await this.certificates.pdf(me, id, q.locale ?? 'ko'));
  }
}
