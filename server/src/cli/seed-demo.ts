import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { isLocalDate, startOfLocalDate } from '../calendar/local-date';
import { RegisterImportService } from '../registers/register-import.service';
import { DEMO_STAFF, ensureDemoStaff } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';
import {
  DEFAULT_DEMO_SEED,
  defaultReferenceDate,
  demoSubjectCrypto,
  describeDemoPeople,
  MAX_DEMO_SUBJECTS,
  seedDemoSubjects,
} from '../demo/seed-demo-subjects';
import { fail, failWith, withApp } from './cli-app';

const usage = [
  'Usage: npm run seed:demo -- [--subjects N [--seed S] [--reference-date YYYY-MM-DD] [--force-more]]',
  '  Creates the demo staff; with --subjects, also N demo data subjects (people, children included).',
  `  --seed S               same seed, size and reference date give the same people and ids (default ${DEFAULT_DEMO_SEED})`,
  '  --reference-date D     timestamps are placed relative to this day (default: today, 00:00 UTC)',
  '  --force-more           add N more people when subjects already exist (otherwise nothing is done)',
].join('\n');

let values: { subjects?: string; seed?: string; 'reference-date'?: string; 'force-more'?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      subjects: { type: 'string' },
      seed: { type: 'string' },
      'reference-date': { type: 'string' },
      'force-more': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
}
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    fail(`--${name} must be an integer from ${min} to ${max}.\n${usage}`);
  }
  return n;
}

const subjects = integer('subjects', values.subjects, 1, MAX_DEMO_SUBJECTS);
const seed = integer('seed', values.seed, 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_DEMO_SEED;
let referenceDate = defaultReferenceDate();
if (values['reference-date'] !== undefined) {
  const raw = values['reference-date'];
  if (!isLocalDate(raw)) fail(`--reference-date must be a date like 2026-11-22.\n${usage}`);
  referenceDate = startOfLocalDate(raw, 'UTC');
}
if (subjects === undefined && (values.seed || values['reference-date'] || values['force-more'])) {
  fail(`--seed, --reference-date and --force-more go with --subjects.\n${usage}`);
}

// Demo data belongs on the embedded database only; a real database never gets public passwords.
withApp(async (app, runtime) => {
  if (!runtime.config.isEmbedded()) fail('seed:demo only runs on the embedded database (unset DATABASE_URL).');
  const created = await ensureDemoStaff(app.get(StaffService));
  process.stdout.write(`Demo staff: ${created} created, ${DEMO_STAFF.length - created} already there.\n`);
  const registers = await app.get(RegisterImportService).ensureDemoRegisters();
  process.stdout.write(
    `Demo registers: ${registers.length > 0 ? `imported ${registers.join(', ')}` : 'already there'}.\n`,
  );
  if (subjects === undefined) return;

  let shown = 0;
  const result = await seedDemoSubjects(
    runtime.database.ownerUrl,
    demoSubjectCrypto(runtime.config, runtime.masterKey.key),
    {
      subjects,
      seed,
      referenceDate,
      forceMore: values['force-more'] === true,
      onProgress: (done, total) => {
        if (done - shown < 10_000 && done !== total) return;
        shown = done;
        process.stdout.write(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} subjects\n`);
      },
    },
  );
  if (result.skipped === 'subjects-exist') {
    process.stdout.write(
      `Demo subjects: none created, ${result.existing.toLocaleString('en')} already there (add --force-more to add ${subjects.toLocaleString('en')} more).\n`,
    );
    return;
  }
  if (result.skipped === 'another-seeder-running') fail('Another process is seeding demo subjects right now.');
  const rows = Object.values(result.rows).reduce((sum, n) => sum + (n ?? 0), 0);
  process.stdout.write(
    [
      `Demo subjects: ${result.created.toLocaleString('en')} created (${rows.toLocaleString('en')} rows) in ${result.seconds.toFixed(1)} s; ` +
        `seed ${result.effectiveSeed}, reference date ${result.referenceDate.slice(0, 10)}.`,
      `Planted compliance findings: ${Object.entries(result.planted)
        .map(([kind, n]) => `${kind} ${n}`)
        .join(', ')}.`,
      ...(result.fixedPeople ? ['Well-known demo people:', ...describeDemoPeople().map((l) => `  ${l}`)] : []),
      '',
    ].join('\n'),
  );
}).catch((error: unknown) => failWith('seed:demo', error));
