import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  ValidateIf,
} from 'class-validator';
import { DATA_CATEGORIES, type DataCategory } from '../../../registers/register-types';

export const SELECTION_MODES = ['access_log', 'category', 'ids'] as const;
export type SelectionMode = (typeof SELECTION_MODES)[number];

/** The most ids one uploaded list may hold. */
export const MAX_UPLOADED_IDS = 100_000;

export const NOTICE_CHANNELS = ['email', 'sms'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const AFFECTED_SORT_FIELDS = ['addedAt'] as const;
export type AffectedSortField = (typeof AFFECTED_SORT_FIELDS)[number];

/** An instant: ISO 8601 with Z or an offset (a bare local time would be read in the server's zone). */
const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'An ISO 8601 date-time with Z or an offset' }),
  );

/** One of three queries; each needs its own fields. No typed personal data: ids, times, a category. */
export class SelectAffectedDto {
  @ApiProperty({ enum: SELECTION_MODES })
  @IsIn([...SELECTION_MODES])
  by!: SelectionMode;

  @ApiPropertyOptional({ format: 'uuid', description: 'access_log: the staff member whose reads count' })
  @ValidateIf((o: SelectAffectedDto) => o.by === 'access_log')
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({ description: 'access_log: the window start (inclusive)' })
  @ValidateIf((o: SelectAffectedDto) => o.by === 'access_log')
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'access_log: the window end (exclusive)' })
  @ValidateIf((o: SelectAffectedDto) => o.by === 'access_log')
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, description: 'category: the data category held' })
  @ValidateIf((o: SelectAffectedDto) => o.by === 'category')
  @IsIn([...DATA_CATEGORIES])
  category?: DataCategory;

  @ApiPropertyOptional({ type: [String], description: `ids: up to ${MAX_UPLOADED_IDS} person ids` })
  @ValidateIf((o: SelectAffectedDto) => o.by === 'ids')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_UPLOADED_IDS)
  @IsUUID('all', { each: true })
  subjectIds?: string[];

  @ApiPropertyOptional({ description: 'Count only; nothing is added' })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;
}

export class NotifyAffectedDto {
  @ApiProperty({ description: "The incident's obligation to notify people (e.g. kr_subjects)" })
  @Matches(/^[a-z][a-z0-9_]{1,60}$/)
  obligationCode!: string;

  @ApiProperty({ format: 'uuid', description: 'The notice version sent' })
  @IsUUID('all')
  noticeId!: string;

  @ApiPropertyOptional({ enum: NOTICE_CHANNELS, description: "Default: the notice template's channel" })
  @IsOptional()
  @IsIn([...NOTICE_CHANNELS])
  channel?: NoticeChannel;
}

export class AffectedFilterDto {
  @IsOptional() @IsIn(['access_log', 'category', 'upload']) source?: string;
}

export class AffectedPersonParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  subjectId!: string;
}

export interface LinkAnomalyInput {
  /** YYYY-MM, the reviewed month. */
  month: string;
  actorId: string;
}

export interface SelectionResult {
  preview: boolean;
  matched: number;
  added: number;
  alreadyThere: number;
  unknown: number;
  /** The first unknown ids of an uploaded list (at most 100), to correct the file. */
  unknownIds: string[];
  total: number;
}

export interface AffectedPersonView {
  id: string;
  maskedName: string;
  maskedContact: string | null;
  kind: string | null;
  service: string | null;
  source: string;
  addedAt: string;
  notification: {
    obligationCode: string;
    channel: string;
    status: string | null;
    sentAt: string | null;
    noticeId: string;
    noticeVersion: number;
    templateVersion: number;
  } | null;
}
