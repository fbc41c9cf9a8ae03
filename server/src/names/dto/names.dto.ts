import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, IsUUID, Length } from 'class-validator';

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
