import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

const ids = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? [...new Set(value.split(',').filter((id) => id !== ''))] : value;

export class NamesQuery {
  @ApiPropertyOptional({ description: 'Staff ids, comma-separated (at most 200)' })
  @IsOptional()
  @Transform(ids)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  staff?: string[];

  @ApiPropertyOptional({ description: 'Platform subject ids, comma-separated (at most 200)' })
  @IsOptional()
  @Transform(ids)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  subjects?: string[];
}

export class StaffNameSearchQuery {
  @ApiPropertyOptional({ description: "Part of a staff member's name or email" })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  q!: string;
}

/** Where a person picker looks: people the access log names, or everyone on the platform. */
export const PICK_SCOPES = ['access-log', 'people'] as const;
export type PickScope = (typeof PICK_SCOPES)[number];

export class SubjectPickQuery {
  @ApiPropertyOptional({ description: 'The start of a name, or a whole phone number' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 100)
  q!: string;

  @ApiPropertyOptional({
    enum: PICK_SCOPES,
    description: 'access-log (default): only people the access log names; people: everyone (needs read Subject)',
  })
  @IsOptional()
  @IsIn(PICK_SCOPES)
  in?: PickScope;
}
