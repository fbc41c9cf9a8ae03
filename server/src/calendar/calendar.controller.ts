import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can } from '../authorization/decorators';
import { CalendarService } from './calendar.service';
import { DeadlineQueryDto } from './dto/deadline.dto';
import { parseDeadlineQuery } from './dto/deadline-query';
import { JURISDICTIONS, JURISDICTION_CODES } from './jurisdictions';

/** The calendar itself: today, the time zone and jurisdictions, and deadlines computed by the server. */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Can('read', 'Holiday')
  about() {
    return {
      now: this.calendar.now().toISOString(),
      today: this.calendar.today(),
      timeZone: this.calendar.timeZone,
      jurisdictions: JURISDICTION_CODES.map((code) => ({ code, name: JURISDICTIONS[code].name })),
    };
  }

  @Get('deadline')
  @Can('read', 'Holiday')
  deadline(@Query() query: DeadlineQueryDto) {
    const { rule, start, timeZone } = parseDeadlineQuery(query);
    return this.calendar.deadline(rule, start, timeZone);
  }
}
