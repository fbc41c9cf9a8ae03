import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HolidayEntity } from './holiday.entity';
import { HolidayVersionEntity } from './holiday-version.entity';
import { AccessLogModule } from '../access-log/access-log.module';
import { CalendarController } from './calendar.controller';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { Clock } from './clock';
import { HolidaySeeder } from './holiday-seeder';
import { HolidaysController } from './holidays.controller';
import { HolidaysService } from './holidays.service';

/**
 * F6: the organisation's calendar. It owns the clock (the one source of "now"), and gives every
 * module today in ORG_TIME_ZONE, business days with each jurisdiction's holidays, and deadlines.
 * Global, like the clock it provides.
 */
@Module({})
export class CalendarModule {
  static forRoot(clock: Clock): DynamicModule {
    return {
      module: CalendarModule,
      global: true,
      imports: [TypeOrmModule.forFeature([HolidayEntity, HolidayVersionEntity]), AccessLogModule],
      controllers: [CalendarController, HolidaysController],
      providers: [
        { provide: Clock, useValue: clock },
        CalendarRepository,
        CalendarService,
        HolidaysService,
        HolidaySeeder,
      ],
      exports: [Clock, CalendarService],
    };
  }
}
