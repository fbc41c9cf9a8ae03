import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import {
  CreateHolidayDto,
  EndHolidayDto,
  HOLIDAY_SORT_FIELDS,
  HolidayFilterDto,
  UpdateHolidayDto,
} from './dto/holiday.dto';
import { HolidaysService } from './holidays.service';

/** The holiday calendars: every role reads them, the DPO changes them with a reason. */
@ApiTags('calendar')
@Controller('calendar/holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @Can('read', 'Holiday')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: HOLIDAY_SORT_FIELDS,
      defaultSort: 'date',
      filterClass: HolidayFilterDto,
    });
    const { rows, total } = await this.holidays.list(me, params);
    setContentRange(res, 'holidays', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'Holiday')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.holidays.get(me, id);
  }

  @Get(':id/history')
  @Can('read', 'Holiday')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.holidays.history(me, id);
  }

  @Post()
  @Can('create', 'Holiday')
  @Audited('create', 'calendar-holiday')
  create(@CurrentStaff() me: StaffContext, @Body() input: CreateHolidayDto) {
    return this.holidays.create(me, input);
  }

  @Put(':id')
  @Can('update', 'Holiday')
  @Audited('edit', 'calendar-holiday')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateHolidayDto,
  ) {
    return this.holidays.update(me, id, input, version, reason);
  }

  @Post(':id/end')
  @Can('delete', 'Holiday')
  @Audited('delete', 'calendar-holiday')
  end(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() { reason, version }: EndHolidayDto) {
    return this.holidays.end(me, id, version, reason);
  }
}
