import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import { DormancyFilterDto, DormancyLookupDto } from './dormancy.dto';
import { DORMANCY_SORT_FIELDS } from './dormancy.repository';
import { DormancyService } from './dormancy.service';

@ApiTags('retention')
@Controller('retention/dormancy')
export class DormancyController {
  constructor(private readonly dormancy: DormancyService) {}

  /** The pipeline (filter `state`): masked names until separated, no contact data. */
  @Get()
  @Can('read', 'DormancyCase')
  @Audited('view', 'dormancy-case')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: DORMANCY_SORT_FIELDS,
      defaultSort: 'separationDueOn',
      filterClass: DormancyFilterDto,
    });
    const { rows, total } = await this.dormancy.list(me, params);
    setContentRange(res, 'dormancy', params.offset, rows.length, total);
    return rows;
  }

  /** Cases per state: counts only, no person named. */
  @Get('summary')
  @Can('read', 'DormancyCase')
  summary(@CurrentStaff() me: StaffContext) {
    return this.dormancy.summary(me);
  }

  /** A separated account by e-mail or phone, for support's reactivation (identity check next). */
  @Post('lookup')
  @HttpCode(200)
  @Can('accountAction', 'Subject')
  @Audited('view', 'dormant-store')
  lookup(@CurrentStaff() me: StaffContext, @Body() dto: DormancyLookupDto) {
    return this.dormancy.lookup(me, dto);
  }
}
