import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import type { StaffContext } from '../../context/staff-context';
import { IncidentNoticesService } from './incident-notices.service';
import { NoticeParams, PrefillQueryDto, SaveNoticeDto, type NoticeView } from './notice.dto';

/** Notice drafts of an incident. CASL is checked again on the loaded incident in the service. */
@ApiTags('incidents')
@Controller('incidents/:id/notices')
export class IncidentNoticesController {
  constructor(private readonly notices: IncidentNoticesService) {}

  /** A first draft from the incident's facts (not saved). */
  @Get('prefill')
  @Can('notify', 'Incident')
  @Audited('view', 'incident-notice')
  prefill(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() query: PrefillQueryDto) {
    return this.notices.prefill(me, id, query);
  }

  @Get()
  @Can('read', 'Incident')
  @Audited('view', 'incident-notice')
  list(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam): Promise<NoticeView[]> {
    return this.notices.list(me, id);
  }

  /** Saves a new version; 422 NOTICE_ITEM_MISSING names the required items left empty. */
  @Post()
  @Can('notify', 'Incident')
  @Audited('create', 'incident-notice')
  save(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: SaveNoticeDto): Promise<NoticeView> {
    return this.notices.save(me, id, dto);
  }

  @Get(':noticeId/pdf')
  @Can('read', 'Incident')
  @Audited('download', 'incident-notice')
  async pdf(@CurrentStaff() me: StaffContext, @Param() { id, noticeId }: NoticeParams, @Res() res: Response) {
    const doc = await this.notices.pdf(me, id, noticeId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(doc.pdf);
  }
}
