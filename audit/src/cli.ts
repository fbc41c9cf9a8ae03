#!/usr/bin/env node
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { parseHeads, parsePublicKeys, readEventsFile } from './export';
import { formatProblem, verifyLog, type Problem, VerifyOptions, VerifyResult } from './verifier';

/** Exit code: the log is intact. */
export const EXIT_INTACT = 0;
/** Exit code: tampering was found. */
export const EXIT_TAMPERED = 1;
/** Exit code: verification could not run (bad arguments, unreadable input). */
export const EXIT_COULD_NOT_RUN = 2;

/** Where the CLI writes; one call per line, without the newline. */
export interface CliIO {
  /** Normal output: problems and the summary. */
  stdout(line: string): void;
  /** Errors and usage. */
  stderr(line: string): void;
}

const processIO: CliIO = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

const USAGE = [
  'usage: audit verify --events <events.jsonl> --heads <heads.json> --public-key <key.pem> [--public-key <key.pem>...]',
  '',
  'Checks an access-log export against its signed tree heads.',
  'Exit codes: 0 intact, 1 tampered, 2 could not run.',
];

/**
 * Runs a verification and prints one line per problem and a summary line; resolves to the exit
 * code. The database mode passes its own `events` (an async iterable over `ORDER BY seq`); an
 * error thrown while reading them makes the exit code 2.
 */
export async function runVerify(
  options: VerifyOptions,
  io: CliIO = processIO,
  extra: CliFindings = {},
): Promise<number> {
  let result: VerifyResult;
  try {
    result = await verifyLog(options);
  } catch (error) {
    io.stderr(`ERROR could not verify: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_COULD_NOT_RUN;
  }
  const findings = extra.problems ?? [];
  if (findings.length > 0) {
    result = {
      ...result,
      ok: false,
      problems: [...result.problems, ...findings].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)),
    };
  }
  for (const problem of result.problems) io.stdout(formatProblem(problem));
  for (const note of extra.notes ?? []) io.stdout(note);
  io.stdout(summarize(result, options.heads.length));
  return result.ok ? EXIT_INTACT : EXIT_TAMPERED;
}

/** What a caller found besides the event stream (e.g. the database mode comparing two sets of heads). */
export interface CliFindings {
  /** Counted as tampering, printed with the verifier's own problems. */
  problems?: Problem[];
  /** Printed before the summary line (e.g. the size of the unsigned tail). */
  notes?: string[];
}

/** The summary line printed after the problems. */
export function summarize(result: VerifyResult, headCount: number): string {
  const latest = result.latestVerifiedHead;
  const heads = `${result.headsVerified} of ${headCount} signed tree heads verified`;
  const latestText = latest ? `, latest size ${latest.treeSize} (${latest.timestamp})` : '';
  const unsigned = result.unsignedEvents > 0 ? `; ${result.unsignedEvents} newer events not yet covered by a head` : '';
  if (result.ok) return `INTACT: ${result.checked} events checked; ${heads}${latestText}${unsigned}`;
  const count = result.problems.length + result.problemsDropped;
  return `TAMPERED: ${count} problem${count === 1 ? '' : 's'} in ${result.checked} events checked; ${heads}${latestText}`;
}

interface VerifyArgs {
  events: string;
  heads: string;
  publicKeys: string[];
}

function parseArgs(argv: readonly string[]): VerifyArgs | string {
  const [command, ...rest] = argv;
  if (command !== 'verify') return command === undefined ? 'missing command' : `unknown command: ${command}`;
  let events: string | undefined;
  let heads: string | undefined;
  const publicKeys: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const [name, inline] = flag.startsWith('--') && flag.includes('=') ? flag.split(/=(.*)/s, 2) : [flag, undefined];
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return `${name} needs a value`;
    switch (name) {
      case '--events':
        events = value;
        break;
      case '--heads':
        heads = value;
        break;
      case '--public-key':
        publicKeys.push(value);
        break;
      default:
        return `unknown option: ${name}`;
    }
  }
  if (!events) return '--events is required';
  if (!heads) return '--heads is required';
  if (publicKeys.length === 0) return '--public-key is required';
  return { events, heads, publicKeys };
}

/**
 * The `audit` command line (export mode): `audit verify --events F --heads F --public-key F`.
 * Resolves to the exit code; never throws.
 */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    USAGE.forEach((line) => io.stdout(line));
    return EXIT_INTACT;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`ERROR ${args}`);
    USAGE.forEach((line) => io.stderr(line));
    return EXIT_COULD_NOT_RUN;
  }
  let heads;
  const publicKeys = new Map<string, KeyObject>();
  try {
    await access(args.events, constants.R_OK);
    heads = parseHeads(await readFile(args.heads, 'utf8'));
    for (const file of args.publicKeys) {
      for (const [id, key] of parsePublicKeys(await readFile(file, 'utf8'))) publicKeys.set(id, key);
    }
  } catch (error) {
    io.stderr(`ERROR could not read input: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_COULD_NOT_RUN;
  }
  return runVerify({ events: readEventsFile(args.events), heads, publicKeys }, io);
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
