import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import { MESSAGE_SORT_FIELDS, MessageFilterDto } from './dto/outbox.dto';
import { OutboxService } from './outbox.service';

/** What went out, and how: metadata only (no address, no content). */
@ApiTags('outbox')
@Controller('outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @Can('read', 'OutboxMessage')
  @Audited('view', 'outbox-message')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: MESSAGE_SORT_FIELDS,
      defaultSort: 'createdAt',
      filterClass: MessageFilterDto,
    });
    const { rows, total } = await this.outbox.list(me, params);
    setContentRange(res, 'outbox', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'OutboxMessage')
  @Audited('view', 'outbox-message')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.outbox.get(me, id);
  }
}
