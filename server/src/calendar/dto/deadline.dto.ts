import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min, registerDecorator } from 'class-validator';
import { CalendarFieldCode } from '../calendar.errors';
import { IsLocalDate } from './holiday.dto';

const RULE = /^(hours|calendar_days|months|business_days):(\d{1,4})(?::(KR|US-CA))?$/;

// Zones found valid: building an Intl.DateTimeFormat to ask costs more than the rest of the request.
// Only valid names are kept, so there are at most as many entries as the runtime has zones.
const KNOWN_ZONES = new Set<string>();

function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  if (KNOWN_ZONES.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    return false;
  }
  KNOWN_ZONES.add(value);
  return true;
}

/** GET /calendar/deadline: a period from an instant (`from`) or after a date (`after`). */
export class DeadlineQueryDto {
  @ApiPropertyOptional({ description: 'The event the period runs from, ISO 8601 with an offset' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'An ISO 8601 date-time with Z or an offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Instead of `from`: extend from this due date (YYYY-MM-DD)' })
  @IsOptional()
  @IsLocalDate()
  after?: string;

  @ApiProperty({
    description:
      '<unit>:<amount>[:<jurisdiction>]; units hours, calendar_days, months, business_days. The jurisdiction ' +
      'counts holidays for business_days (required) and, for the others, moves a due date off a non-business day.',
    example: 'business_days:10:US-CA',
  })
  @IsString()
  @Matches(RULE, { message: 'Like calendar_days:10, months:1, business_days:10:US-CA or hours:72' })
  rule!: string;

  @ApiPropertyOptional({ description: 'At risk when this many days (hours for an hours rule) or fewer are left' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  atRisk?: number;

  @ApiPropertyOptional({ description: 'IANA time zone; default ORG_TIME_ZONE' })
  @IsOptional()
  @IsString()
  @IsTimeZone()
  timeZone?: string;
}

function IsTimeZone() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: CalendarFieldCode.InvalidRule,
      target: target.constructor,
      propertyName,
      options: { message: 'An IANA time zone such as Asia/Seoul' },
      validator: { validate: isTimeZone },
    });
}

export const DEADLINE_RULE = RULE;
