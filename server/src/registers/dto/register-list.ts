import type { Response } from 'express';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors, ListParams, parseListParams } from '../../common/list-query';
import { Problem } from '../../common/problem';
import { AsOfQuery } from './register-tools.dto';

/** react-admin's list parameters plus `asOf` (API.md, Lists). */
export function parseRegisterList<S extends string, F extends object>(
  query: Record<string, unknown>,
  options: { sortFields: readonly S[]; defaultSort: S; filterClass: new () => F },
): { params: ListParams<S, F>; asOf: string | undefined } {
  const { asOf, ...rest } = query;
  const parsed = plainToInstance(AsOfQuery, { asOf });
  const errors = validateSync(parsed);
  if (errors.length > 0) throw Problem.validation(flattenValidationErrors(errors));
  return { params: parseListParams(rest, options), asOf: parsed.asOf };
}

/** Sends an export file as a download. */
export function sendFile(
  res: Response,
  file: { body: Buffer | string; contentType: string; filename: string; rows: number },
): void {
  res
    .status(200)
    .type(file.contentType)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .setHeader('X-Row-Count', String(file.rows))
    .send(file.body);
}

export const COMMON_SORT_FIELDS = ['position', 'createdAt', 'updatedAt'] as const;
