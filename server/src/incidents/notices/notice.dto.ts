import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsUUID } from 'class-validator';
import { NOTICE_KINDS, type NoticeKind } from '../obligations/obligation-types';

export const NOTICE_LOCALES = ['ko', 'en'] as const;

export class NoticeParams {
  @IsUUID('all')
  id!: string;

  @IsUUID('all')
  noticeId!: string;
}

export class PrefillQueryDto {
  @ApiProperty({ enum: NOTICE_KINDS }) @IsIn([...NOTICE_KINDS]) kind!: NoticeKind;
  @ApiProperty({ enum: NOTICE_LOCALES }) @IsIn([...NOTICE_LOCALES]) locale!: 'ko' | 'en';
}

export class SaveNoticeDto extends PrefillQueryDto {
  /** The merge fields (what leaked, when and how, …); checked against the kind's fields in the service. */
  @ApiProperty({ type: 'object', additionalProperties: true }) @IsObject() content!: Record<string, unknown>;
}

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  locale: 'ko' | 'en';
  version: number;
  templateKey: string;
  templateVersion: number;
  subject: string;
  /** The text as rendered, with a placeholder where each person's name goes. */
  body: string;
  content: Record<string, unknown>;
  createdAt: string;
  createdBy: { id: string; name: string };
  /** Required items empty in this version (none for a version saved through the API). */
  missing: string[];
}
