import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import type { StaffContext } from '../context/staff-context';
import {
  AssessmentDto,
  CloseIncidentDto,
  CreateIncidentDto,
  CreateTaskDto,
  EvidenceDto,
  EvidenceParams,
  INCIDENT_SORT_FIELDS,
  IncidentFilterDto,
  NotRequiredDto,
  ObligationDoneDto,
  ObligationParams,
  StatusDto,
  TaskParams,
  TimelineEntryParams,
  TimelineNoteDto,
  UpdateIncidentDto,
  UpdateIncidentTaskDto,
} from './dto/incident-requests.dto';
import { IncidentTasksService } from './incident-tasks.service';
import { IncidentsService } from './incidents.service';

@ApiTags('incidents')
@Controller('incidents')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly tasks: IncidentTasksService,
  ) {}

  /** The board: filters status, q (reference or title), open; sort awareAt, nearestDueAt. */
  @Get()
  @Can('read', 'Incident')
  @Audited('view', 'incident')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: INCIDENT_SORT_FIELDS,
      defaultSort: 'awareAt',
      filterClass: IncidentFilterDto,
    });
    const { rows, total } = await this.incidents.list(me, params);
    setContentRange(res, 'incidents', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'Incident')
  @Audited('view', 'incident')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.incidents.get(me, id);
  }

  @Post()
  @Can('create', 'Incident')
  @Audited('create', 'incident')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateIncidentDto) {
    return this.incidents.create(me, dto);
  }

  /** A correction of the facts; the notifications are recomputed. */
  @Patch(':id')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: UpdateIncidentDto) {
    return this.incidents.update(me, id, dto);
  }

  /** The DPO's GDPR risk assessment, with reasons. */
  @Post(':id/assessment')
  @HttpCode(200)
  @Can('decide', 'Incident')
  @Audited('edit', 'incident')
  assess(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: AssessmentDto) {
    return this.incidents.assess(me, id, dto);
  }

  @Post(':id/obligations/:code/done')
  @HttpCode(200)
  @Can('notify', 'Incident')
  @Audited('edit', 'incident')
  obligationDone(
    @CurrentStaff() me: StaffContext,
    @Param() { id, code }: ObligationParams,
    @Body() dto: ObligationDoneDto,
  ) {
    return this.incidents.obligationDone(me, id, code, dto);
  }

  @Post(':id/obligations/:code/not-required')
  @HttpCode(200)
  @Can('decide', 'Incident')
  @Audited('edit', 'incident')
  obligationNotRequired(
    @CurrentStaff() me: StaffContext,
    @Param() { id, code }: ObligationParams,
    @Body() dto: NotRequiredDto,
  ) {
    return this.incidents.obligationNotRequired(me, id, code, dto);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  setStatus(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: StatusDto) {
    return this.incidents.setStatus(me, id, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Can('close', 'Incident')
  @Audited('edit', 'incident')
  close(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: CloseIncidentDto) {
    return this.incidents.close(me, id, dto);
  }

  // ---- checklist ---------------------------------------------------------------------------

  @Post(':id/tasks')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  addTask(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: CreateTaskDto) {
    return this.tasks.add(me, id, dto);
  }

  @Patch(':id/tasks/:taskId')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  updateTask(
    @CurrentStaff() me: StaffContext,
    @Param() { id, taskId }: TaskParams,
    @Body() dto: UpdateIncidentTaskDto,
  ) {
    return this.tasks.update(me, id, taskId, dto);
  }

  @Post(':id/tasks/:taskId/evidence')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  attach(@CurrentStaff() me: StaffContext, @Param() { id, taskId }: TaskParams, @Body() dto: EvidenceDto) {
    return this.tasks.attach(me, id, taskId, dto);
  }

  /**
   * An evidence file, opened for download; the download is logged. Those who work the incident
   * only: a log extract or a screenshot may show personal data, which the auditor does not read.
   */
  @Get(':id/tasks/:taskId/evidence/:evidenceId')
  @Can('update', 'Incident')
  @Audited('download', 'incident-evidence')
  async evidence(
    @CurrentStaff() me: StaffContext,
    @Param() { id, taskId, evidenceId }: EvidenceParams,
    @Res() res: Response,
  ) {
    const file = await this.tasks.evidence(me, id, taskId, evidenceId);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(file.content);
  }

  // ---- timeline ----------------------------------------------------------------------------

  @Post(':id/timeline')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  addNote(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: TimelineNoteDto) {
    return this.incidents.addNote(me, id, dto);
  }

  /** The timeline is never edited: named routes so that the refusal says why (409, not 404). */
  @Put(':id/timeline/:entryId')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  replaceEntry(@CurrentStaff() me: StaffContext, @Param() { id }: TimelineEntryParams, @Body() _edit: TimelineNoteDto) {
    return this.incidents.refuseTimelineEdit(me, id);
  }

  @Patch(':id/timeline/:entryId')
  @Can('update', 'Incident')
  @Audited('edit', 'incident')
  editEntry(@CurrentStaff() me: StaffContext, @Param() { id }: TimelineEntryParams, @Body() _edit: TimelineNoteDto) {
    return this.incidents.refuseTimelineEdit(me, id);
  }

  @Delete(':id/timeline/:entryId')
  @Can('update', 'Incident')
  @Audited('delete', 'incident')
  deleteEntry(@CurrentStaff() me: StaffContext, @Param() { id }: TimelineEntryParams) {
    return this.incidents.refuseTimelineEdit(me, id);
  }
}
