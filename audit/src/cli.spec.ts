import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliIO, EXIT_COULD_NOT_RUN, EXIT_INTACT, EXIT_TAMPERED, main, runVerify } from './cli';
import {
  ExportFormatError,
  formatEventLine,
  parseEventLine,
  parseHeads,
  parsePublicKeys,
  readEventsFile,
  writeEventsFile,
  writeHeadsFile,
} from './export';
import { buildLog, changed, LogFixture } from './testing/log-fixture';
import { keyIdOf } from './tree-head';
import type { LogEvent } from './verifier';

let dir: string;
let log: LogFixture;
let files: { events: string; heads: string; key: string };

function capture(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  log = buildLog(600, 100);
  files = { events: join(dir, 'events.jsonl'), heads: join(dir, 'heads.json'), key: join(dir, 'key.pem') };
  await writeEventsFile(files.events, log.events);
  await writeHeadsFile(files.heads, log.heads);
  writeFileSync(files.key, log.publicKey.export({ type: 'spki', format: 'pem' }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (events = files.events) => [
  'verify',
  '--events',
  events,
  '--heads',
  files.heads,
  '--public-key',
  files.key,
];

describe('export format', () => {
  it('round-trips events through JSON Lines with base64 bytes and hex leaf hashes', async () => {
    const read: LogEvent[] = [];
    for await (const e of readEventsFile(files.events)) read.push(e);
    expect(read).toHaveLength(600);
    expect(read[41]).toEqual({ ...log.events[41], canonical: Buffer.from(log.events[41]!.canonical) });
    expect(JSON.parse(formatEventLine(log.events[0]!))).toEqual({
      seq: 1,
      canonical: Buffer.from(log.events[0]!.canonical).toString('base64'),
      leafHash: Buffer.from(log.events[0]!.leafHash!).toString('hex'),
    });
  });

  it.each([
    'nope',
    '[]',
    '{"seq":"1","canonical":""}',
    '{"seq":1,"canonical":"%%"}',
    '{"seq":1,"canonical":"","leafHash":"ab"}',
  ])('rejects the line %s', (line) => {
    expect(() => parseEventLine(line, 3)).toThrow(ExportFormatError);
  });

  it('accepts heads as an array or wrapped, and rejects anything else', () => {
    expect(parseHeads(JSON.stringify(log.heads))).toEqual(log.heads);
    expect(parseHeads(JSON.stringify({ heads: log.heads }))).toEqual(log.heads);
    expect(() => parseHeads('{}')).toThrow(ExportFormatError);
    expect(() => parseHeads('[')).toThrow(ExportFormatError);
  });

  it('loads every Ed25519 key of a PEM file by key id and rejects other keys', () => {
    const pem = log.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect([...parsePublicKeys(pem).keys()]).toEqual([keyIdOf(log.publicKey)]);
    expect(() => parsePublicKeys('nothing here')).toThrow(ExportFormatError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' });
    expect(() => parsePublicKeys(ec.toString())).toThrow(/not Ed25519/);
  });
});

describe('audit verify', () => {
  it('exits 0 and prints a summary for an intact export', async () => {
    const io = capture();
    expect(await main(args(), io)).toBe(EXIT_INTACT);
    expect(io.out).toEqual([
      `INTACT: 600 events checked; 6 of 6 signed tree heads verified, latest size 600 (${log.heads[5]!.timestamp})`,
    ]);
  });

  it('exits 1 and names the problem and its first seq for a tampered export', async () => {
    const tampered = join(dir, 'tampered.jsonl');
    const events = log.events
      .filter((e) => e.seq <= 590)
      .map((e) => (e.seq === 234 ? { ...e, canonical: changed(234, { ip: null }) } : e));
    await writeEventsFile(tampered, events);
    const io = capture();
    expect(await main(args(tampered), io)).toBe(EXIT_TAMPERED);
    expect(io.out).toEqual([
      `MODIFIED first affected seq 234: event bytes do not match the stored leaf hash; the root differs from the signed tree head of size 300 (${log.heads[2]!.timestamp})`,
      'TRUNCATED first affected seq 591: the log ends at seq 590 but a signed tree head covers 600 events (10 missing at the end)',
      `TAMPERED: 2 problems in 590 events checked; 2 of 6 signed tree heads verified, latest size 200 (${log.heads[1]!.timestamp})`,
    ]);
  });

  it.each([
    [[], /missing command/],
    [['check'], /unknown command/],
    [['verify', '--events'], /--events needs a value/],
    [['verify', '--heads', 'h'], /--events is required/],
    [['verify', '--events', 'e', '--heads', 'h', '--public-key', 'k', '--db', 'x'], /unknown option: --db/],
  ])('exits 2 on bad arguments %p', async (argv, message) => {
    const io = capture();
    expect(await main(argv, io)).toBe(EXIT_COULD_NOT_RUN);
    expect(io.err[0]).toMatch(message);
  });

  it('accepts --name=value and prints usage on --help', async () => {
    const io = capture();
    const code = await main(
      ['verify', `--events=${files.events}`, `--heads=${files.heads}`, `--public-key=${files.key}`],
      io,
    );
    expect(code).toBe(EXIT_INTACT);
    const help = capture();
    expect(await main(['--help'], help)).toBe(EXIT_INTACT);
    expect(help.out[0]).toMatch(/^usage: audit verify/);
  });

  it('exits 2 when a file is missing or unreadable as an export', async () => {
    const io = capture();
    expect(await main(args(join(dir, 'absent.jsonl')), io)).toBe(EXIT_COULD_NOT_RUN);
    expect(io.err[0]).toMatch(/^ERROR could not read input: .*absent\.jsonl/);

    const garbled = join(dir, 'garbled.jsonl');
    writeFileSync(garbled, `${formatEventLine(log.events[0]!)}\nnot json\n`);
    const io2 = capture();
    expect(await main(args(garbled), io2)).toBe(EXIT_COULD_NOT_RUN);
    expect(io2.err[0]).toBe('ERROR could not verify: line 2: not JSON');
  });

  it('runVerify takes any async iterable (the database mode) and exits 2 if reading it fails', async () => {
    async function* failing(): AsyncGenerator<LogEvent> {
      yield log.events[0]!;
      throw new Error('connection reset');
    }
    const io = capture();
    expect(await runVerify({ events: failing(), heads: log.heads, publicKeys: log.publicKeys }, io)).toBe(
      EXIT_COULD_NOT_RUN,
    );
    expect(io.err).toEqual(['ERROR could not verify: connection reset']);
  });
});
