import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { AppConfig } from '../config/app-config';
import { SystemClock } from '../calendar/clock';
import { startOfLocalDate, utcDateOf } from '../calendar/local-date';
import { loadMasterKey } from '../common/master-key';
import { BlindIndex } from '../subjects/crypto/blind-index';
import { Keyring } from '../subjects/crypto/keyring';
import { SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { DEMO_PEOPLE, DEMO_PEOPLE_MIN_SUBJECTS } from './demo-people';
import { DemoGenerator, type DemoTotals } from './demo-generator';
import { DemoRandomizer } from './demo-random';
import { DemoBatch, DEMO_TABLES, type DemoTable } from './demo-tables';

export const DEFAULT_DEMO_SEED = 2026;
/** How many subjects the first `npm start` on an empty embedded database creates. */
export const FIRST_START_DEMO_SUBJECTS = 2000;
export const MAX_DEMO_SUBJECTS = 1_000_000;

export interface SeedDemoSubjectsOptions {
  /** Rows to create in `subjects` (children included). */
  subjects: number;
  seed?: number;
  /**
   * Every timestamp is placed relative to this instant: accounts created up to ~4 years before,
   * dormant ones last active 1–3 years before, upcoming bookings up to 3 weeks after. Default:
   * today at 00:00 UTC, so runs on the same day give the same rows.
   */
  referenceDate?: Date;
  /** Add more subjects although some exist (new people: the seed is mixed with the count). */
  forceMore?: boolean;
  /** Households per transaction. */
  chunkUnits?: number;
  onProgress?: (created: number, total: number) => void;
}

export interface SeedDemoSubjectsResult {
  created: number;
  /** Why nothing was created. */
  skipped?: 'subjects-exist' | 'another-seeder-running';
  existing: number;
  seed: number;
  /** The seed the people were derived from (differs from `seed` with forceMore). */
  effectiveSeed: number;
  referenceDate: string;
  fixedPeople: boolean;
  seconds: number;
  /** Of `seconds`: generating and sealing rows, and waiting for PostgreSQL beyond that. */
  generateSeconds?: number;
  waitForDatabaseSeconds?: number;
  rows: Partial<Record<DemoTable, number>>;
  planted: DemoTotals['planted'];
}

const GENERATE_SLICE = 25;

async function insertChunk(client: Client, batch: DemoBatch): Promise<void> {
  await client.query('BEGIN');
  try {
    await batch.insert(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Today at 00:00 UTC: the default reference date. */
export function defaultReferenceDate(now: Date = new SystemClock().now()): Date {
  return startOfLocalDate(utcDateOf(now), 'UTC');
}

/** The subject-data crypto exactly as the server builds it (master key, keyring file beside it). */
export function demoSubjectCrypto(config: AppConfig, masterKey: Buffer = loadMasterKey(config).key): SubjectCrypto {
  return new SubjectCrypto(new Keyring(config.keyringFile, masterKey), new BlindIndex(masterKey));
}

/**
 * Fills the subject tables with demo people over the owner connection: multi-row
 * INSERT … SELECT FROM unnest(…) per table, one transaction per chunk of households.
 * Refuses (creates nothing) when subjects exist, unless `forceMore`.
 */
export async function seedDemoSubjects(
  ownerUrl: string,
  crypto: SubjectCrypto,
  options: SeedDemoSubjectsOptions,
): Promise<SeedDemoSubjectsResult> {
  const started = performance.now();
  if (!Number.isSafeInteger(options.subjects) || options.subjects < 1 || options.subjects > MAX_DEMO_SUBJECTS) {
    throw new RangeError(`subjects must be an integer from 1 to ${MAX_DEMO_SUBJECTS}`);
  }
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError('seed must be a non-negative integer');
  const referenceDate = options.referenceDate ?? defaultReferenceDate();
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Two instances starting on the same empty database must not both seed it.
    const { rows: lock } = await client.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock(hashtext('console:demo-subjects')) AS ok",
    );
    const result = (existing: number, partial: Partial<SeedDemoSubjectsResult>): SeedDemoSubjectsResult => ({
      created: 0,
      existing,
      seed,
      effectiveSeed: seed,
      referenceDate: referenceDate.toISOString(),
      fixedPeople: false,
      seconds: (performance.now() - started) / 1000,
      rows: {},
      planted: {
        recording_without_both_consents: 0,
        phi_without_consent: 0,
        child_without_guardian_consent: 0,
        supervision_sharing_without_consent: 0,
      },
      ...partial,
    });
    if (!lock[0].ok) return result(0, { skipped: 'another-seeder-running' });
    const { rows: countRows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM subjects');
    const existing = countRows[0].n;
    if (existing > 0 && !options.forceMore) return result(existing, { skipped: 'subjects-exist' });

    // Adding to existing data: new people (another seed), and no second copy of DEMO_PEOPLE.
    const effectiveSeed = existing > 0 ? new DemoRandomizer([seed, existing]).uint32() : seed;
    const fixedPeople = existing === 0 && options.subjects >= DEMO_PEOPLE_MIN_SUBJECTS;
    const generator = new DemoGenerator(crypto, {
      subjects: options.subjects,
      seed: effectiveSeed,
      referenceDate,
      fixedPeople,
    });
    // Demo rows can be regenerated; commits need not wait for the disk.
    await client.query('SET synchronous_commit = off');
    const rows: Partial<Record<DemoTable, number>> = {};
    const chunk = options.chunkUnits ?? 1000;
    const timing = { generateSeconds: 0, waitForDatabaseSeconds: 0 };
    // PostgreSQL inserts chunk k while this process generates chunk k+1 (two cores busy, not one):
    // generation yields to the event loop every few households so the inserts keep flowing.
    let inserting: Promise<void> | undefined;
    for (let from = 0; from < generator.unitCount; from += chunk) {
      const batch = new DemoBatch();
      for (let slice = from; slice < Math.min(from + chunk, generator.unitCount); slice += GENERATE_SLICE) {
        const t0 = performance.now();
        generator.generateInto(batch, slice, Math.min(slice + GENERATE_SLICE, from + chunk));
        timing.generateSeconds += (performance.now() - t0) / 1000;
        if (inserting) await new Promise((resolve) => setImmediate(resolve));
      }
      const t1 = performance.now();
      await inserting;
      timing.waitForDatabaseSeconds += (performance.now() - t1) / 1000;
      inserting = insertChunk(client, batch).then(() => {
        for (const table of Object.keys(DEMO_TABLES) as DemoTable[]) {
          rows[table] = (rows[table] ?? 0) + batch.count(table);
        }
        options.onProgress?.(rows.subjects ?? 0, options.subjects);
      });
      // A failed chunk must not surface as an unhandled rejection while the next one is generated.
      inserting.catch(() => undefined);
    }
    const t2 = performance.now();
    await inserting;
    timing.waitForDatabaseSeconds += (performance.now() - t2) / 1000;
    // Fresh planner statistics: the first searches should not wait for autovacuum.
    for (const table of Object.keys(DEMO_TABLES)) await client.query(`ANALYZE ${table}`);
    return result(existing, {
      created: generator.totals.subjects,
      effectiveSeed,
      fixedPeople,
      rows,
      planted: generator.totals.planted,
      seconds: (performance.now() - started) / 1000,
      ...timing,
    });
  } finally {
    await client.end();
  }
}

/**
 * The first `npm start` on an empty embedded database with demo data on seeds
 * FIRST_START_DEMO_SUBJECTS subjects; later starts (or a real database) do nothing.
 * Returns how many subjects it created.
 */
export async function seedDemoSubjectsOnFirstStart(runtime: {
  config: AppConfig;
  database: { ownerUrl: string };
  masterKey: { key: Buffer };
}): Promise<number> {
  const { config } = runtime;
  if (!config.isEmbedded() || !config.demoData) return 0;
  const result = await seedDemoSubjects(runtime.database.ownerUrl, demoSubjectCrypto(config, runtime.masterKey.key), {
    subjects: FIRST_START_DEMO_SUBJECTS,
  });
  return result.created;
}

/** One line per well-known demo person, for command-line output and the README. */
export function describeDemoPeople(): string[] {
  return DEMO_PEOPLE.map(
    (p) => `${p.service.padEnd(8)} ${p.kind.padEnd(9)} ${p.name} <${p.email}> ${p.phone}: ${p.shows}`,
  );
}
