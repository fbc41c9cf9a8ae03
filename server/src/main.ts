import 'reflect-metadata';
import { createApp } from './bootstrap';
import { SystemClock } from './common/clock';
import { describeError } from './common/startup-error';
import { RegisterImportService } from './registers/register-import.service';
import { prepareRuntime } from './runtime';
import { DEMO_STAFF, ensureDemoStaff } from './staff/demo-staff';
import { StaffService } from './staff/staff.service';
import { seedDemoSubjectsOnFirstStart } from './demo/seed-demo-subjects';
import { ensureDemoComplaints } from './demo/seed-demo-complaints';
import { ensureDemoRequests } from './demo/seed-demo-requests';
import { ensureDemoIncidents } from './demo/seed-demo-incidents';
import { ensureDemoRetention, needsDemoRetention, type DemoRetention } from './demo/seed-demo-retention';

async function main(): Promise<void> {
  const runtime = await prepareRuntime();
  const { config } = runtime;
  const app = await createApp({ ...runtime, clock: new SystemClock() });

  const demo = config.isEmbedded() && config.demoData;
  if (demo) await ensureDemoStaff(app.get(StaffService));
  const demoSubjects = demo ? await seedDemoSubjectsOnFirstStart(runtime) : 0;
  const demoRegisters = demo ? await app.get(RegisterImportService).ensureDemoRegisters() : [];
  const demoComplaints = demo ? await ensureDemoComplaints(app) : 0;
  const demoRequests = demo ? await ensureDemoRequests(app) : 0;
  const demoIncidents = demo ? await ensureDemoIncidents(app) : { created: 0, running: null };

  await app.listen(config.port, config.host);
  const demoRetention = demo && (await needsDemoRetention(app));
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const lines = [`Privacy Operations Console is running at ${url}`, `API docs (after sign-in): ${url}/api/docs`];
  if (demo) {
    lines.push('Demo accounts (embedded database only; each enrolls an authenticator at first sign-in):');
    for (const a of DEMO_STAFF) lines.push(`  ${a.role.padEnd(9)} ${a.email.padEnd(22)} ${a.password}`);
    if (demoSubjects > 0)
      lines.push(`Demo data: ${demoSubjects.toLocaleString('en')} data subjects created (first start).`);
    if (demoRegisters.length > 0) lines.push(`Demo registers imported from the policies: ${demoRegisters.join(', ')}.`);
    if (demoComplaints > 0) lines.push(`Demo complaints: ${demoComplaints} in the DPO's inbox.`);
    if (demoRequests > 0) {
      lines.push(`Demo rights requests: ${demoRequests} across the states; one erasure awaits a DPO's approval.`);
    }
    if (demoIncidents.created > 0) {
      const running =
        demoIncidents.running === null ? '' : `; ${demoIncidents.running}'s 72-hour clocks run out within a day`;
      lines.push(`Demo incidents: ${demoIncidents.created} breaches across the states${running}.`);
    }
    if (demoRetention) {
      lines.push('Demo retention: the real jobs are making it now (destruction run, holds, dormancy); a line follows.');
    }
  } else if ((await app.get(StaffService).countAccounts()) === 0) {
    lines.push('No staff accounts yet. Create the first one with:');
    lines.push('  npm run staff:create -- --email you@example.com --role sysadmin --name "Your Name"');
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  // After listen, and not in the way: the job queue runs by then, so the DPO's demo runs of the
  // retention jobs go through it and show on the Jobs screen; destroying the demo data's backlog
  // takes a while, and the console is usable meanwhile.
  if (demoRetention) {
    ensureDemoRetention(app)
      .then((r) => r.seeded && process.stdout.write(`${retentionLine(r)}\n\n`))
      .catch((error: unknown) => runtime.log.error({ err: error }, 'the demo retention data could not be made'));
  }

  // pg-boss's stop waits for our jobs but not for its own internal workers (its cron's send-it
  // queue): one of those can still be finishing as the database goes away, and its rejection is
  // not caught inside pg-boss. While stopping, such a rejection is logged, not fatal; the job stays
  // in pg-boss's tables and is retried by the next start. At any other time it crashes as usual.
  let stopping = false;
  process.on('unhandledRejection', (reason) => {
    if (!stopping) throw reason;
    runtime.log.warn({ err: reason }, 'work in flight failed while stopping');
  });

  // A stop that fails says why (in the log) and still stops the embedded PostgreSQL.
  const stop = async () => {
    stopping = true;
    let code = 0;
    for (const [what, step] of [
      ['the console', () => app.close()],
      ['the embedded PostgreSQL', async () => runtime.database.embedded?.stop()],
    ] as const) {
      try {
        await step();
      } catch (error) {
        runtime.log.error({ err: error }, `stopping ${what} failed`);
        code = 1;
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The retention demo in one line: the certificate, the holds, the week's queue, the dormancy pipeline. */
function retentionLine(r: DemoRetention): string {
  const run =
    r.certificate === null
      ? 'no destruction run'
      : `${r.certificate.reference} certifies ${r.certificate.records.toLocaleString('en')} records destroyed ` +
        `under ${r.certificate.rules} rules (${r.certificate.held} held)`;
  const d = r.dormancy;
  return (
    `Demo retention: ${run}; ${r.holds} legal holds; ${r.queued.items} queue items due in the next 7 days ` +
    `(${r.queued.held} held); dormancy: ${d.dueForNotice} due for notice, ${d.notified} notified, ` +
    `${d.separated} separated, ${d.reactivated} reactivated.`
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${describeError(error)}\n`);
  process.exit(1);
});
