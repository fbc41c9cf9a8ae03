import { HttpStatus } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { auditedSubjectOf } from './access-log/audited';
import { AuditService } from './access-log/audit.service';
import { AuthEventService } from './access-log/auth-event.service';
import { AuthEventType } from './access-log/auth-event-type';
import { AppModule, AppModuleOptions } from './app.module';
import { readSessionCookie } from './auth/session-cookie';
import { SessionService } from './auth/session.service';
import { mountConsoleUi } from './common/console-ui';
import { verifyJsonBody } from './common/json-input';
import { ConsoleValidationPipe } from './common/id-param';
import { flattenValidationErrors } from './common/list-query';
import { PinoNestLogger } from './common/logger';
import { Problem } from './common/problem';
import { CommonErrorCode } from './common/problem-codes';
import { originOf } from './common/current-staff.decorator';
import { ProblemFilter, sendProblem, toProblem } from './common/problem.filter';
import { requestLog } from './common/request-log';
import type { ConsoleRequest } from './context/request-context';
import { Transactions } from './database/transactions';

export const BODY_LIMIT = '1mb';
/** An incident task's evidence file (at most 5 MB) travels as base64 in JSON: 4/3 of that, and some. */
export const EVIDENCE_BODY_LIMIT = '7mb';
const EVIDENCE_ROUTE = /^\/api\/incidents\/[^/]+\/tasks\/[^/]+\/evidence$/;
export const AFFECTED_UPLOAD_LIMIT = '5mb';

/**
 * Builds the HTTP application: the same for `npm start`, the tests and the benchmarks.
 */
export async function createApp(options: AppModuleOptions): Promise<NestExpressApplication> {
  const { config, log } = options;
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bodyParser: false,
    logger: new PinoNestLogger(log),
    abortOnError: false,
  });
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Answers carry personal data and exports: no browser or proxy keeps a copy. Set first, so
  // every answer under /api has it, errors from the body parser and the guards included.
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  app.use(requestLog(log));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
      },
      // Served over plain HTTP on localhost by default; HSTS is the TLS terminator's business.
      strictTransportSecurity: false,
    }),
  );
  app.use(cookieParser());
  // verifyJsonBody sees the raw bytes first: a body nested past MAX_JSON_DEPTH is refused before
  // JSON.parse and the recursive transformers and validators ever run.
  // The evidence upload first: a body it has parsed is not parsed again by the general limit.
  app.use(EVIDENCE_ROUTE, express.json({ limit: EVIDENCE_BODY_LIMIT, strict: true, verify: verifyJsonBody }));
  // An incident's uploaded list of affected people holds up to 100,000 ids (about 4 MB of JSON).
  app.use(
    /^\/api\/incidents\/[^/]+\/affected\/select$/,
    express.json({ limit: AFFECTED_UPLOAD_LIMIT, strict: true, verify: verifyJsonBody }),
  );
  app.use('/api', express.json({ limit: BODY_LIMIT, strict: true, verify: verifyJsonBody }));
  app.use('/api', (req: Request, res: Response, next: NextFunction) => {
    const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && hasBody && !req.is('application/json')) {
      const problem = Problem.of(CommonErrorCode.UnsupportedMediaType, 'Send JSON (Content-Type: application/json)');
      return sendProblem(res, problem, (req as ConsoleRequest).id);
    }
    if (req.body !== undefined && (typeof req.body !== 'object' || Array.isArray(req.body))) {
      const problem = Problem.validation([], 'The request body must be a JSON object');
      return sendProblem(res, problem, (req as ConsoleRequest).id);
    }
    next();
  });
  // Errors from the body parser (bad JSON, too large) never reach Nest; answer them here.
  app.use('/api', (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const id = (req as ConsoleRequest).id;
    sendProblem(res, toProblem(error, log, id), id);
  });

  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ConsoleValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: (errors) => Problem.validation(flattenValidationErrors(errors)),
    }),
  );
  const events = app.get(AuthEventService);
  const audit = app.get(AuditService);
  const transactions = app.get(Transactions);
  app.useGlobalFilters(
    // Outside any transaction the failed request may have been in: its rollback must not take
    // the record of the refusal with it.
    new ProblemFilter(log, (req, problem) =>
      transactions.outside(async () => {
        await recordDenial(events, req, problem);
        const recorded = await recordRefusedPersonalDataRequest(audit, req, problem);
        if (!recorded) await recordRefusedText(events, req, problem);
      }),
    ),
  );

  mountApiDocs(app);
  mountUi(app, config.uiDistDir, log);
  return app;
}

/**
 * Every authorization denial is recorded (PIPC standard Art. 8, ASVS v5 V16); so is a step-up
 * prompt, as its own outcome.
 */
async function recordDenial(events: AuthEventService, req: ConsoleRequest, problem: Problem): Promise<void> {
  // Every 403, and every 401 for a session cookie that was presented (expired, ended or forged).
  // A request with no cookie at all (the sign-in page asking whether it is signed in) is no denial.
  const presentedCookie = req.headers.cookie?.includes('poc_session=') === true;
  const denied =
    problem.status === HttpStatus.FORBIDDEN || (problem.status === HttpStatus.UNAUTHORIZED && presentedCookie);
  // Single sign-on records its own refusals, with the provider's reasons.
  const fromSignIn = ['/api/auth/login', '/api/auth/mfa', '/api/auth/sso'].some((p) => req.path.startsWith(p));
  if (!denied || fromSignIn || problem.code.startsWith('MFA_') || problem.code === 'RECOVERY_CODE_INVALID') return;
  // Asking for a fresh TOTP code is not a refusal: it is recorded as the prompt it is.
  const stepUp = problem.code === (CommonErrorCode.StepUpRequired as string);
  await events.record(
    {
      type: stepUp ? AuthEventType.StepUpRequired : AuthEventType.AccessDenied,
      outcome: 'failure',
      staffId: req.staff?.id ?? null,
      // A refused request about a person belongs in that person's access history.
      subjectId: auditedSubjectOf(req),
      detail: { code: problem.code, method: req.method, path: req.path, staffId: req.staff?.id ?? null },
    },
    originOf(req),
  );
}

/**
 * A request on a personal-data route (@Audited) that was refused for bad input (unknown id, no
 * purpose, invalid search value, missing identity check) is logged too: nothing was read or
 * changed, but someone asked. 401 and 403 are already recorded by recordDenial.
 */
async function recordRefusedPersonalDataRequest(
  audit: AuditService,
  req: ConsoleRequest,
  problem: Problem,
): Promise<boolean> {
  const audited = req.audited;
  if (!audited || audited.scope.recorded > 0 || !req.staff) return false;
  if (problem.status < 400 || problem.status >= 500 || problem.status === 401 || problem.status === 403) return false;
  await audit.record(
    {
      action: audited.action,
      resource: audited.resource,
      outcome: 'denied',
      subjectId: auditedSubjectOf(req) ?? null,
      detail: {
        code: problem.code,
        status: problem.status,
        method: req.method,
        path: req.path,
        fields: problem.errors.map((e) => e.field),
      },
    },
    req.staff.origin,
  );
  return true;
}

/**
 * A request refused for text that is not text (U+0000, a lone surrogate) is a probe, on any
 * route, signed in or not (the sign-in form included): it is recorded as a denial, with the
 * session that sent it when there is one. The event writer stores any string safely.
 */
async function recordRefusedText(events: AuthEventService, req: ConsoleRequest, problem: Problem): Promise<void> {
  const fields = problem.errors.filter((e) => e.code === CommonErrorCode.InvalidCharacter).map((e) => e.field);
  if (fields.length === 0) return;
  await events.record(
    {
      type: AuthEventType.AccessDenied,
      outcome: 'failure',
      staffId: req.staff?.id ?? null,
      subjectId: auditedSubjectOf(req),
      detail: {
        code: CommonErrorCode.InvalidCharacter,
        status: problem.status,
        method: req.method,
        path: req.path,
        fields,
      },
    },
    originOf(req),
  );
}

/** OpenAPI at /api/docs, for signed-in staff only: the only public routes are sign-in and health. */
function mountApiDocs(app: NestExpressApplication): void {
  const sessions = app.get(SessionService);
  app.use('/api/docs', (req: Request, res: Response, next: NextFunction) => {
    sessions
      .resolve(readSessionCookie(req))
      .then(({ session }) => {
        if (session.stage !== 'full') throw Problem.of(CommonErrorCode.WrongStage, 'Finish signing in first');
        next();
      })
      .catch((error: unknown) => {
        const id = (req as ConsoleRequest).id;
        sendProblem(res, error instanceof Problem ? error : Problem.of(CommonErrorCode.Internal, 'Error'), id);
      });
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Privacy Operations Console API')
      .setDescription(
        'Session cookie auth with mandatory TOTP. State-changing requests need the header `X-CSRF-Protection: 1`. ' +
          'Errors are application/problem+json with a stable `code`.',
      )
      .setVersion('0.1.0')
      .addCookieAuth('poc_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
}

/** The built console at /, when it is built (see common/console-ui.ts). */
function mountUi(app: NestExpressApplication, dir: string, log: Logger): void {
  if (!existsSync(join(dir, 'index.html'))) {
    log.warn({ dir }, 'The console UI is not built; run `npm run build`');
    return;
  }
  mountConsoleUi(app, dir);
}
