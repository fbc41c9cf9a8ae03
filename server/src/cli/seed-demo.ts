import 'reflect-metadata';
import { DEMO_STAFF, ensureDemoStaff } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';
import { fail, withApp } from './cli-app';

// Demo data belongs on the embedded database only; a real database never gets public passwords.
withApp(async (app, runtime) => {
  if (!runtime.config.isEmbedded()) fail('seed:demo only runs on the embedded database (unset DATABASE_URL).');
  const created = await ensureDemoStaff(app.get(StaffService));
  process.stdout.write(`Demo staff: ${created} created, ${DEMO_STAFF.length - created} already there.\n`);
}).catch((error: unknown) => fail(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`));
