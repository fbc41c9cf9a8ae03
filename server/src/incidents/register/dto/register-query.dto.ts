import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterQueryDto {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Aware on or after this date (organisation time zone)' })
  @IsOptional()
  @Matches(DATE, { message: 'A date looks like 2026-11-03' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Aware on or before this date (organisation time zone)' })
  @IsOptional()
  @Matches(DATE, { message: 'A date looks like 2026-11-03' })
  to?: string;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['ko', 'en'], default: 'ko' })
  @IsOptional()
  @IsIn(['ko', 'en'])
  locale?: 'ko' | 'en';
}
