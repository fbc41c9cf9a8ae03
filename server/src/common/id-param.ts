import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, isUUID } from 'class-validator';

export class IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

/** A route's parameters when they are exactly one `id` that IdParam accepts. */
function isValidIdOnly(value: unknown): value is { id: string } {
  if (typeof value !== 'object' || value === null) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === 'id' && isUUID((value as { id: unknown }).id, 'all');
}

/**
 * The global ValidationPipe, with one shortcut: the `{ id }` of most routes (IdParam) is checked
 * with IdParam's own test (isUUID, every version) and no more. class-validator looks through every
 * class that has validation metadata on each validation (hundreds of DTOs here): about 2% of the
 * server's CPU on a profile read (bench/reads.mjs, issue F10). Anything else, and an id that
 * fails, goes through the ValidationPipe: a refusal is the same problem response as ever.
 */
export class ConsoleValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.metatype === IdParam && isValidIdOnly(value)) {
      return Object.assign(new IdParam(), { id: value.id });
    }
    return super.transform(value, metadata);
  }
}
