import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import fc from 'fast-check';
import type request from 'supertest';
import { ABILITY_KEY, PUBLIC_KEY } from '../../server/src/authorization/decorators';
import { defineAbilityFor, type Action, type SubjectType } from '../../server/src/authorization/abilities';
import { ROLES, type Role } from '../../server/src/authorization/roles';
import type { TestServer } from './server';

/** Every fuzz in the repository runs from this seed, so a failure replays exactly. */
export const FUZZ_SEED = 20261203;

export const NOWHERE = '00000000-0000-4000-8000-00000000dead';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express form, e.g. `/api/staff/:id/role`. */
  path: string;
  /** Roles whose full session passes the route's access rule; all roles for signed-in routes. */
  roles: readonly Role[];
  public: boolean;
  /** Names of the path parameters. */
  params: string[];
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every method + path Express has registered (as routes-closed.e2e-spec.ts enumerates them). */
export function expressRoutes(server: TestServer): string[] {
  const express = server.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack
    .filter((layer) => layer.route !== undefined)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
}

const METHODS: Partial<Record<RequestMethod, ApiRoute['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

/**
 * Every route of the application with who may reach it, read from the controllers' metadata
 * (the same decorators the guards read). Throws if it disagrees with what Express registered.
 */
export function apiRoutes(server: TestServer): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const module of server.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } & object;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype;
      for (const name of new MetadataScanner().getAllMethodNames(proto)) {
        const handler = proto[name];
        if (typeof handler !== 'function') continue;
        const own = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        if (own === undefined || method === undefined) continue;
        const path = `/api/${[base, own].filter((p) => p !== '' && p !== '/').join('/')}`.replace(/\/+$/, '');
        const isPublic =
          (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)) === true;
        const ability = (Reflect.getMetadata(ABILITY_KEY, handler) ?? Reflect.getMetadata(ABILITY_KEY, controller)) as
          { action: Action; subject: SubjectType } | undefined;
        const roles = ability
          ? ROLES.filter((role) => defineAbilityFor({ id: NOWHERE, role }).can(ability.action, ability.subject))
          : ROLES;
        const params = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
        routes.push({ method, path, roles, public: isPublic, params });
      }
    }
  }
  const found = new Set(routes.map((r) => `${r.method} ${r.path}`));
  const registered = new Set(expressRoutes(server));
  // The OpenAPI documents and Swagger UI files: plain Express routes, for any signed-in staff.
  for (const docs of [...registered].filter((r) => r.startsWith('GET /api/docs'))) {
    routes.push({ method: 'GET', path: docs.slice(4), roles: ROLES, public: false, params: [] });
    found.add(docs);
  }
  const missing = [...registered].filter((r) => !found.has(r));
  const extra = [...found].filter((r) => !registered.has(r));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`Route metadata and Express disagree: missing ${missing.join(', ')}; extra ${extra.join(', ')}`);
  }
  return routes.sort((a, b) => `${a.method} ${a.path}`.localeCompare(`${b.method} ${b.path}`));
}

// ---- arbitraries -------------------------------------------------------------------------

/** Text PostgreSQL cannot store or that is not Unicode: U+0000 and lone surrogates, in any order. */
export const unstorable = fc.constantFrom(
  '\u0000',
  '\ud800',
  '\udc00',
  '\udc00\ud800',
  'a\u0000b',
  'x\udfff',
  '\ud83d',
);

/** Numbers and numeric strings past what any column or JavaScript integer holds. */
export const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 63, 2 ** 64, 2 ** 53 + 2, -1, 0, 1.5, -0);
export const numericString = fc.constantFrom(
  '9223372036854775808',
  '99999999999999999999',
  '9'.repeat(400),
  '1e3',
  '1e308',
  '0x10',
  '-1',
  '0',
  ' 1',
  '1.5',
  'NaN',
  'Infinity',
  '',
);

const KEYS = [
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'code',
  'reason',
  'role',
  'displayName',
  'purpose',
  'fields',
  'recordIds',
  'method',
  'evidenceRef',
  'identityCheckId',
  'provider',
  'notes',
  'filter',
  'version',
  'name',
  'markdown',
  'title',
  'items',
  'position',
  'asOf',
  'format',
  'policyId',
];
const key = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 2, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KEYS), unstorable).map(([k, u]) => k + u) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

/** Nesting past MAX_JSON_DEPTH (32), as objects or arrays. */
export const deepValue = fc.tuple(fc.integer({ min: 33, max: 3000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

const leaf = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.tuple(fc.string({ maxLength: 20 }), unstorable).map(([s, u]) => s + u),
  numericString,
  hugeNumber,
  fc.integer(),
  fc.boolean(),
  fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', 'x'.repeat(5000), 'dpo', 'phone', 'unlock'),
);

/** A JSON value: leaves, arrays and objects with hostile keys. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(key, tie('value'), { maxKeys: 4 }) },
  ),
})).value;

/** A JSON object body of junk, sometimes nested too deep. */
export const junkBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(key, junkValue, { maxKeys: 6 }) },
  { weight: 1, arbitrary: deepValue.map((v) => ({ reason: 'deep enough', filter: v })) },
  { weight: 1, arbitrary: fc.anything() },
);

/**
 * A body that no route can accept: junk with U+0000 or a lone surrogate put in a key or a string
 * at some depth, or nesting past 32 levels.
 */
export const refusedBody: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .tuple(
      fc.dictionary(key, junkValue, { maxKeys: 5 }),
      key,
      unstorable,
      fc.integer({ min: 0, max: 20 }),
      fc.boolean(),
    )
    .map(([body, k, bad, depth, asKey]) => {
      let inner: unknown = asKey ? { [`${k}${bad}`]: 'x' } : `${k}${bad}`;
      for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? [inner] : { [k]: inner };
      return { ...(body as object), [asKey ? 'nested' : k]: inner };
    }),
  deepValue.map((v) => ({ reason: 'deep enough', filter: v })),
);

/** Query parameter names: every one a route reads, and a few it does not. */
const QUERY_KEYS = [
  'before',
  'limit',
  'filter',
  'sort',
  'range',
  'asOf',
  'from',
  'to',
  'format',
  'table',
  'lang',
  'layout',
  'policyId',
  'q',
  '__proto__',
  'constructor',
];

/** Percent-encodes text for a URL, writing lone surrogates as the UTF-8 bytes a careless client would send. */
export function encodeRaw(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff)
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out.toUpperCase();
}

const queryJson = fc.oneof(
  junkValue.map((v) => JSON.stringify(v) ?? 'null'),
  fc.tuple(fc.constantFrom('q', 'email', 'phone', 'resource', 'actorId', 'name'), unstorable).map(([k, u]) =>
    // Escaped inside the JSON text: JSON.parse turns \u0000 or \ud800 into the character.
    JSON.stringify({ [k]: `ab${u}` }),
  ),
  fc.constantFrom(
    '[0,1e300]',
    '[-1,5]',
    '[0,9223372036854775808]',
    '["id","ASC"]',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
  ),
);

const queryValue = fc.oneof(
  { weight: 3, arbitrary: queryJson },
  { weight: 3, arbitrary: numericString },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), unstorable).map(([s, u]) => s + u) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('2026-10-01', '2026-13-45', '99999-01-01', 'csv', 'xlsx', 'all', 'ko') },
);

/** A raw query string (`a=1&b=%00`), possibly empty. */
export const junkQuery: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 3 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeRaw(v)}`).join('&'));

/** A query string holding %00: refused on every route. */
export const refusedQuery: fc.Arbitrary<string> = fc
  .tuple(junkQuery, fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 }))
  .map(([q, k, s]) => [q, `${encodeURIComponent(k)}=${encodeURIComponent(s)}%00`].filter((p) => p !== '').join('&'));

/** A path parameter value that is never valid (422, or 404 where the name is looked up). */
export const refusedParam = fc.constantFrom(
  '%00',
  'a%00b',
  '%ED%A0%80',
  '99999999999999999999',
  '9223372036854775808',
  '-1',
  '1e3',
  '0x10',
  '1.5',
);

/** A path parameter: hostile, or a real id so the request reaches the handler. */
export function junkParam(real: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(real) },
    { weight: 1, arbitrary: fc.constant(NOWHERE) },
    { weight: 2, arbitrary: refusedParam },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent) },
  );
}

/** Fills `:name` placeholders from `values` (already URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? NOWHERE);
}

/** Sends one request with a raw JSON text body (so unstorable characters reach the server as sent). */
export function send(
  client: request.Agent | ReturnType<typeof request>,
  method: ApiRoute['method'],
  url: string,
  body: unknown,
): request.Test {
  const req = (client as request.Agent)[method.toLowerCase() as 'get'](url).set('x-csrf-protection', '1');
  if (body === undefined) return req;
  // JSON.stringify writes U+0000 and lone surrogates as \u escapes: the JSON a client sends.
  return req.set('content-type', 'application/json').send(JSON.stringify(body) ?? 'null');
}
