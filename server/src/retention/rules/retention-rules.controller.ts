import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import { sendFile } from '../../registers/dto/register-list';
import {
  CreateRetentionRuleDto,
  RETENTION_RULE_SORT_FIELDS,
  RetentionRuleExportQuery,
  RetentionRuleFilterDto,
  UpdateRetentionRuleDto,
} from './dto/retention-rule.dto';
import { RetentionRulesService } from './retention-rules.service';

/** The retention rules: read by the DPO, support, security and the auditor; edited by the DPO with a reason. */
@ApiTags('retention')
@Controller('retention/rules')
export class RetentionRulesController {
  constructor(private readonly rules: RetentionRulesService) {}

  @Get()
  @Can('read', 'RetentionRule')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: RETENTION_RULE_SORT_FIELDS,
      defaultSort: 'code',
      filterClass: RetentionRuleFilterDto,
    });
    const { rows, total } = await this.rules.list(me, params);
    setContentRange(res, 'retention/rules', params.offset, rows.length, total);
    return rows;
  }

  @Get('export')
  @Can('read', 'RetentionRule')
  @Audited('download', 'retention-rules')
  async export(@CurrentStaff() me: StaffContext, @Query() q: RetentionRuleExportQuery, @Res() res: Response) {
    sendFile(res, await this.rules.exportFile(me, q.format ?? 'csv'));
  }

  @Get(':id')
  @Can('read', 'RetentionRule')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.rules.get(me, id);
  }

  @Get(':id/history')
  @Can('read', 'RetentionRule')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.rules.history(me, id);
  }

  @Post()
  @Can('create', 'RetentionRule')
  @Audited('create', 'retention-rule')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateRetentionRuleDto) {
    return this.rules.create(me, dto);
  }

  @Patch(':id')
  @Can('update', 'RetentionRule')
  @Audited('edit', 'retention-rule')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: UpdateRetentionRuleDto) {
    return this.rules.update(me, id, dto);
  }
}
