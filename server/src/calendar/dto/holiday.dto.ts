import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  registerDecorator,
} from 'class-validator';
import { IsReason, IsVersion, NoControlCharacters, trim } from '../../common/text-validators';
import { CalendarFieldCode } from '../calendar.errors';
import { HOLIDAY_KINDS, type HolidayKind } from '../holiday-source';
import { JURISDICTION_CODES, type Jurisdiction } from '../jurisdictions';
import { isLocalDate } from '../local-date';

/** 'YYYY-MM-DD', a real calendar date. */
export function IsLocalDate() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: CalendarFieldCode.InvalidDate,
      target: target.constructor,
      propertyName,
      options: { message: 'A date like 2026-09-25' },
      validator: { validate: isLocalDate },
    });
}

const IsName = () =>
  applyDecorators(
    ApiProperty({ minLength: 1, maxLength: 200 }),
    Transform(trim),
    IsString(),
    Length(1, 200),
    NoControlCharacters(),
  );

/** The fields of a holiday a person writes. */
export class HolidayInputDto {
  @ApiProperty({ example: '2026-06-03' })
  @IsLocalDate()
  date!: string;

  @IsName() nameKo!: string;
  @IsName() nameEn!: string;

  @ApiProperty({ enum: HOLIDAY_KINDS })
  @IsIn(HOLIDAY_KINDS)
  kind!: HolidayKind;
}

export class CreateHolidayDto extends HolidayInputDto {
  @ApiProperty({ enum: JURISDICTION_CODES })
  @IsIn(JURISDICTION_CODES, { message: `One of ${JURISDICTION_CODES.join(', ')}` })
  jurisdiction!: Jurisdiction;

  @IsReason() reason!: string;
}

export class UpdateHolidayDto extends HolidayInputDto {
  @IsReason() reason!: string;
  @IsVersion() version!: number;
}

export class EndHolidayDto {
  @IsReason() reason!: string;
  @IsVersion() version!: number;
}

/** react-admin's `filter` of the holiday list. */
export class HolidayFilterDto {
  @ApiPropertyOptional({ enum: JURISDICTION_CODES })
  @IsOptional()
  @IsIn(JURISDICTION_CODES)
  jurisdiction?: Jurisdiction;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1900)
  @Max(2999)
  year?: number;

  @ApiPropertyOptional({ enum: ['active', 'ended'] })
  @IsOptional()
  @IsIn(['active', 'ended'])
  status?: 'active' | 'ended';

  @ApiPropertyOptional({ enum: HOLIDAY_KINDS })
  @IsOptional()
  @IsIn(HOLIDAY_KINDS)
  kind?: HolidayKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  id?: string[];
}

export const HOLIDAY_SORT_FIELDS = ['date', 'nameKo', 'nameEn', 'kind', 'jurisdiction', 'updatedAt'] as const;
