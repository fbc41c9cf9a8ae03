import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsUUID } from 'class-validator';

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
