import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const AUDIT_ACTIONS = [
  'view',
  'create',
  'edit',
  'delete',
  'print',
  'download',
  'reveal',
  'export',
  'authenticate',
  'deny',
  'administer',
] as const;

export class AccessLogFilterDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ description: 'A platform subject id, or staff:<uuid>' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  subjectId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: (typeof AUDIT_ACTIONS)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  resource?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure', 'denied'] })
  @IsOptional()
  @IsIn(['success', 'failure', 'denied'])
  outcome?: 'success' | 'failure' | 'denied';

  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AccessLogPageDto {
  @ApiPropertyOptional({ description: 'Events with a seq below this one (keyset pagination)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'JSON AccessLogFilterDto' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;
}

export class SeqParam {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seq!: number;
}

export class ConsistencyQuery {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  to!: number;
}
