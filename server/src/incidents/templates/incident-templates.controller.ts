import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import {
  ArchiveIncidentTemplateDto,
  CreateIncidentTemplateDto,
  IncidentTemplateFilterDto,
  TEMPLATE_SORT_FIELDS,
  TemplateVersionParams,
  UpdateIncidentTemplateDto,
} from './dto/incident-template.dto';
import { IncidentTemplatesService } from './incident-templates.service';

/** The checklist templates (the incident response plan): security edits them, the DPO and the auditor read. */
@ApiTags('incidents')
@Controller('incident-templates')
export class IncidentTemplatesController {
  constructor(private readonly templates: IncidentTemplatesService) {}

  /** Filters: archived, vector, id (react-admin's getMany). */
  @Get()
  @Can('read', 'IncidentTemplate')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: TEMPLATE_SORT_FIELDS,
      defaultSort: 'key',
      filterClass: IncidentTemplateFilterDto,
    });
    const { rows, total } = await this.templates.list(me, params);
    setContentRange(res, 'incident-templates', params.offset, rows.length, total);
    return rows;
  }

  /** The current version's tasks and the list of versions (who, when, why). */
  @Get(':id')
  @Can('read', 'IncidentTemplate')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.templates.get(me, id);
  }

  @Get(':id/versions/:version')
  @Can('read', 'IncidentTemplate')
  version(@CurrentStaff() me: StaffContext, @Param() { id, version }: TemplateVersionParams) {
    return this.templates.getVersion(me, id, version);
  }

  @Post()
  @Can('create', 'IncidentTemplate')
  @Audited('create', 'incident-template')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateIncidentTemplateDto) {
    return this.templates.create(me, dto);
  }

  /** Saves a new version (409 when the version edited is no longer the current one). */
  @Put(':id')
  @Can('update', 'IncidentTemplate')
  @Audited('edit', 'incident-template')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: UpdateIncidentTemplateDto) {
    return this.templates.update(me, id, dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @Can('update', 'IncidentTemplate')
  @Audited('edit', 'incident-template')
  archive(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ArchiveIncidentTemplateDto) {
    return this.templates.archive(me, id, dto.version);
  }
}
