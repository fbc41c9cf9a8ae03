import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@poc/audit';
import { Transform, Type as TypeOf } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IntegerParam } from '../../common/integer-param';
import { IsReason } from '../../common/text-validators';

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

  @ApiPropertyOptional({ enum: [...AUDIT_ACTIONS] })
  @IsOptional()
  @IsIn([...AUDIT_ACTIONS])
  action?: AuditAction;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  resource?: string;

  @ApiPropertyOptional({ enum: [...AUDIT_OUTCOMES] })
  @IsOptional()
  @IsIn([...AUDIT_OUTCOMES])
  outcome?: AuditOutcome;

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
  @IntegerParam(1)
  before?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @IntegerParam(1, 200)
  limit?: number;

  @ApiPropertyOptional({ description: 'JSON AccessLogFilterDto' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;
}

export class SeqParam {
  @IntegerParam(1)
  seq!: number;
}

export class ConsistencyQuery {
  @IntegerParam(1)
  from!: number;

  @IntegerParam(1)
  to!: number;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ExportDto {
  @ApiPropertyOptional({ type: AccessLogFilterDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @TypeOf(() => AccessLogFilterDto)
  filter?: AccessLogFilterDto;

  @ApiProperty({ description: 'Why the log is downloaded; kept with the download event (PIPC standard Art. 8)' })
  @Transform(trim)
  @IsString()
  @Length(10, 500)
  reason!: string;
}

export class MonthParam {
  @ApiProperty({ example: '2026-10' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month looks like 2026-10' })
  month!: string;
}

export class SignOffDto {
  @ApiProperty({ description: 'What the reviewer checked and concluded' })
  @Transform(trim)
  @IsString()
  @Length(3, 5000)
  notes!: string;
}

/** One person's anomalies in one session, marked explained with a note. */
export class ExplainGroupDto {
  @ApiProperty({ nullable: true, description: 'The staff member (null: requests with no one signed in)' })
  @ValidateIf((_o, value) => value !== null)
  @IsUUID()
  actorId!: string | null;

  @ApiProperty({ nullable: true, description: 'The session, as the access log names it (null: none)' })
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @Length(1, 100)
  sessionId!: string | null;

  @IsReason()
  note!: string;
}

export class HeadsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'How many of the newest heads' })
  @IsOptional()
  @IntegerParam(1, 1000)
  limit?: number;
}

export class VerifyDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Check every stored event from the first; by default only those after the last verified head',
  })
  @IsOptional()
  @IsBoolean()
  full?: boolean;
}
