import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import {
  PreviewTemplateDto,
  RenderDocumentDto,
  TEMPLATE_SORT_FIELDS,
  TemplateFilterDto,
  TestSendDto,
  UpdateTemplateDto,
} from './dto/template.dto';
import { TemplatesService } from './templates.service';

const pdf = (res: Response, body: Buffer, fileName: string) => {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${fileName}"`);
  res.end(body);
};

/** Letters, notices and messages: the DPO edits them with a reason, and previews them. */
@ApiTags('outbox')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Can('read', 'MessageTemplate')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: TEMPLATE_SORT_FIELDS,
      defaultSort: 'key',
      filterClass: TemplateFilterDto,
    });
    const { rows, total } = await this.templates.list(me, params);
    setContentRange(res, 'templates', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'MessageTemplate')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.templates.get(me, id);
  }

  @Get(':id/history')
  @Can('read', 'MessageTemplate')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.templates.history(me, id);
  }

  @Put(':id')
  @Can('update', 'MessageTemplate')
  @Audited('edit', 'message-template')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() input: UpdateTemplateDto) {
    return this.templates.update(me, id, input);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @Can('read', 'MessageTemplate')
  preview(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() input: PreviewTemplateDto) {
    return this.templates.preview(me, id, input);
  }

  @Post(':id/preview.pdf')
  @HttpCode(200)
  @Can('read', 'MessageTemplate')
  async previewPdf(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() input: PreviewTemplateDto,
    @Res() res: Response,
  ) {
    pdf(res, await this.templates.previewPdf(me, id, input), `preview-${input.language}.pdf`);
  }

  @Post(':id/test-send')
  @Can('update', 'MessageTemplate')
  @Audited('create', 'outbox-message')
  testSend(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() { language }: TestSendDto) {
    return this.templates.testSend(me, id, language);
  }
}

/** A PDF document (letter, notice, certificate) from a template and real merge data. */
@ApiTags('outbox')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly templates: TemplatesService) {}

  @Post()
  @HttpCode(200)
  @Can('read', 'MessageTemplate')
  @Audited('print', 'document')
  async render(@CurrentStaff() me: StaffContext, @Body() input: RenderDocumentDto, @Res() res: Response) {
    const { pdf: body, fileName } = await this.templates.renderDocument(me, input);
    pdf(res, body, fileName);
  }
}
