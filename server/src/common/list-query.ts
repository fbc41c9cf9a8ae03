import type { Response } from 'express';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { parseJsonParam } from './json-input';
import { FieldProblem, Problem } from './problem';

export interface ListParams<S extends string, F> {
  sortField: S;
  sortOrder: 'ASC' | 'DESC';
  offset: number;
  limit: number;
  filter: F;
}

export const MAX_PAGE_SIZE = 200;

function parseJson(name: string, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw Problem.validation([{ field: name, code: 'INVALID_JSON', message: 'Must be JSON' }]);
  return parseJsonParam(name, value);
}

export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix + e.property;
    const own = Object.entries(e.constraints ?? {}).map(([code, message]) => ({
      field,
      code: code === 'whitelistValidation' ? 'UNKNOWN_FIELD' : code.toUpperCase(),
      message,
    }));
    return [...own, ...flattenValidationErrors(e.children ?? [], `${field}.`)];
  });
}

/**
 * Reads react-admin's list parameters: `sort=["field","ASC"]`, `range=[0,24]` and
 * `filter={...}` (JSON in the query string). Unknown sort fields and filter keys are refused.
 */
export function parseListParams<S extends string, F extends object>(
  query: Record<string, unknown>,
  options: { sortFields: readonly S[]; defaultSort: S; filterClass: new () => F },
): ListParams<S, F> {
  const unknownParams = Object.keys(query).filter((k) => !['sort', 'range', 'filter'].includes(k));
  if (unknownParams.length > 0) {
    throw Problem.validation(
      unknownParams.map((field) => ({ field, code: 'UNKNOWN_FIELD', message: 'Unknown parameter' })),
    );
  }
  const sort = parseJson('sort', query.sort) ?? [options.defaultSort, 'ASC'];
  if (
    !Array.isArray(sort) ||
    sort.length !== 2 ||
    !options.sortFields.includes(sort[0] as S) ||
    (sort[1] !== 'ASC' && sort[1] !== 'DESC')
  ) {
    throw Problem.validation([
      { field: 'sort', code: 'INVALID_SORT', message: `Sort by one of ${options.sortFields.join(', ')}, ASC or DESC` },
    ]);
  }
  const range = parseJson('range', query.range) ?? [0, 24];
  if (
    !Array.isArray(range) ||
    range.length !== 2 ||
    !range.every((n) => Number.isSafeInteger(n) && (n as number) >= 0) ||
    (range[1] as number) < (range[0] as number) ||
    (range[1] as number) - (range[0] as number) >= MAX_PAGE_SIZE
  ) {
    throw Problem.validation([
      { field: 'range', code: 'INVALID_RANGE', message: `A range [first, last] of at most ${MAX_PAGE_SIZE} rows` },
    ]);
  }
  const rawFilter = parseJson('filter', query.filter) ?? {};
  if (typeof rawFilter !== 'object' || rawFilter === null || Array.isArray(rawFilter)) {
    throw Problem.validation([{ field: 'filter', code: 'INVALID_FILTER', message: 'The filter must be an object' }]);
  }
  const filter = plainToInstance(options.filterClass, rawFilter);
  const errors = validateSync(filter, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw Problem.validation(flattenValidationErrors(errors, 'filter.'));
  return {
    sortField: sort[0] as S,
    sortOrder: sort[1] as 'ASC' | 'DESC',
    offset: range[0] as number,
    limit: (range[1] as number) - (range[0] as number) + 1,
    filter,
  };
}

/**
 * Sets react-admin's Content-Range for a page of a list. A total of "N+" says that at least N match
 * (a count that stopped early), e.g. `subjects 0-24/1001+`.
 */
export function setContentRange(
  res: Response,
  resource: string,
  offset: number,
  count: number,
  total: number | `${number}+`,
): void {
  const last = count === 0 ? offset : offset + count - 1;
  res.setHeader('Content-Range', `${resource} ${offset}-${last}/${total}`);
}
