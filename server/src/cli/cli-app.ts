import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AppModule } from '../app.module';
import { SystemClock } from '../common/clock';
import { PinoNestLogger } from '../common/logger';
import { describeError } from '../common/startup-error';
import { prepareRuntime, Runtime } from '../runtime';

/** Runs `work` with the application's services, without an HTTP server. */
export async function withApp(work: (app: INestApplicationContext, runtime: Runtime) => Promise<void>): Promise<void> {
  // A command-line run leaves sequencing to the running servers; its events wait in the inbox.
  // Nor does it take background jobs: a job queued for the servers must not run in a command.
  const runtime = await prepareRuntime({ AUDIT_SEQUENCER: 'false', ...process.env, JOBS_ENABLED: 'false' }, 'command');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...runtime, clock: new SystemClock() }), {
    logger: new PinoNestLogger(runtime.log.child({}, { level: 'warn' })),
  });
  try {
    await work(app, runtime);
  } finally {
    await app.close();
    await runtime.database.embedded?.stop();
  }
}

/** Prints `<what> failed: <cause>` (never "undefined") and exits with 2. */
export function failWith(what: string, error: unknown): never {
  fail(`${what} failed: ${describeError(error)}`);
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
