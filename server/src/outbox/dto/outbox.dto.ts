import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CHANNELS, MESSAGE_STATUSES, type Channel, type MessageStatus } from '../outbox-types';

export class MessageFilterDto {
  @ApiPropertyOptional({ enum: MESSAGE_STATUSES }) @IsOptional() @IsIn(MESSAGE_STATUSES) status?: MessageStatus;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) templateKey?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) reference?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  id?: string[];
}

export const MESSAGE_SORT_FIELDS = ['createdAt', 'status', 'channel', 'templateKey', 'sentAt'] as const;
