import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

// Plain decimal digits only: no sign, exponent, hex, spaces or leading zeros, and at most 16
// digits. Number() would take "1e3", "0x10", " 7 " and "99999999999999999999" (1e20, which
// PostgreSQL's bigint refuses with a 500).
const DECIMAL = /^(0|[1-9]\d{0,15})$/;

/**
 * An integer path or query parameter in [min, max] (max at most 2^53 - 1, below bigint's
 * 2^63 - 1). Anything else stays as the string it was and fails IsInt: a 422, never a 500.
 */
export const IntegerParam = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(min),
    Max(Math.min(max, Number.MAX_SAFE_INTEGER)),
  );
