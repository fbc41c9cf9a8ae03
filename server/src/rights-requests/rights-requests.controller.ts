import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import { Can, StepUp } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import type { StaffContext } from '../context/staff-context';
import {
  AssignDto,
  CompleteDto,
  CreateRightsRequestDto,
  DocumentParams,
  ExtendDto,
  PrepareDto,
  RejectDto,
  REQUEST_SORT_FIELDS,
  RightsRequestFilterDto,
  TaskParams,
  UpdateTaskDto,
  VerifyRequestDto,
} from './dto/rights-request.dto';
import { RightsRequestsService } from './rights-requests.service';

/** Rights requests (API.md in this folder). Every route reads or changes a person's request: each is logged. */
@ApiTags('rights-requests')
@Controller('rights-requests')
export class RightsRequestsController {
  constructor(private readonly requests: RightsRequestsService) {}

  @Get()
  @Can('read', 'RightsRequest')
  @Audited('view', 'rights-request')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: REQUEST_SORT_FIELDS,
      defaultSort: 'dueOn',
      filterClass: RightsRequestFilterDto,
    });
    const { rows, total } = await this.requests.list(me, params);
    setContentRange(res, 'rights-requests', params.offset, rows.length, total);
    return rows;
  }

  @Post()
  @Can('create', 'RightsRequest')
  @Audited('create', 'rights-request')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateRightsRequestDto) {
    return this.requests.create(me, dto);
  }

  @Get(':id')
  @Can('read', 'RightsRequest')
  @Audited('view', 'rights-request')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.detail(me, id);
  }

  /** Per erasure category: whether the person has data in it, and the statute holding it (the erase/retain choice). */
  @Get(':id/erasure-proposal')
  @Can('read', 'RightsRequest')
  @Audited('view', 'rights-request')
  erasureProposal(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.erasureProposal(me, id);
  }

  /** An export package or a letter, decrypted for download; the download is logged. */
  @Get(':id/documents/:documentId')
  @Can('read', 'RightsRequest')
  @Audited('download', 'rights-request-document')
  async document(@CurrentStaff() me: StaffContext, @Param() { id, documentId }: DocumentParams, @Res() res: Response) {
    const doc = await this.requests.document(me, id, documentId);
    res.setHeader('Content-Type', doc.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`);
    res.setHeader('Cache-Control', 'no-store');
    res.send(doc.content);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Can('update', 'RightsRequest')
  @Audited('edit', 'rights-request')
  verify(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: VerifyRequestDto) {
    return this.requests.verify(me, id, dto);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Can('update', 'RightsRequest')
  @Audited('edit', 'rights-request')
  start(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.start(me, id);
  }

  @Post(':id/prepare')
  @HttpCode(200)
  @Can('update', 'RightsRequest')
  @Audited('edit', 'rights-request')
  prepare(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: PrepareDto) {
    return this.requests.prepare(me, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Can('update', 'RightsRequest')
  @Audited('edit', 'rights-request')
  submit(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.submit(me, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Can('approve', 'RightsRequest')
  @Audited('edit', 'rights-request')
  // DESIGN §5: approving an erasure or an export needs a TOTP code from the last few minutes.
  @StepUp()
  approve(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.approve(me, id);
  }

  @Post(':id/execute')
  @HttpCode(200)
  @Can('close', 'RightsRequest')
  @Audited('edit', 'rights-request')
  execute(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.requests.execute(me, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Can('reject', 'RightsRequest')
  @Audited('edit', 'rights-request')
  reject(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: RejectDto) {
    return this.requests.reject(me, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Can('close', 'RightsRequest')
  @Audited('edit', 'rights-request')
  complete(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: CompleteDto) {
    return this.requests.complete(me, id, dto);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Can('extend', 'RightsRequest')
  @Audited('edit', 'rights-request')
  extend(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ExtendDto) {
    return this.requests.extend(me, id, dto);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Can('assign', 'RightsRequest')
  @Audited('edit', 'rights-request')
  assign(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: AssignDto) {
    return this.requests.assign(me, id, dto);
  }

  @Patch(':id/tasks/:taskId')
  @Can('update', 'RightsRequest')
  @Audited('edit', 'rights-request')
  updateTask(@CurrentStaff() me: StaffContext, @Param() { id, taskId }: TaskParams, @Body() dto: UpdateTaskDto) {
    return this.requests.updateTask(me, id, taskId, dto);
  }
}
