import { encodeEvent } from './canonical';
import fc from 'fast-check';
import { columnMismatches, type EventColumns } from './columns';
import { leafHash, MerkleTreeBuilder } from './merkle';
import { DigestPool } from './digest-pool';
import { columnNames, decodePacked, digestPacked, PackedFramer } from './packed';
import { keys, makeEvent } from './testing/log-fixture';
import { chunked, columnsOf, packEvents } from './testing/packed-fixture';
import { keyIdOf, signTreeHead, type SignedTreeHead } from './tree-head';
import { verifyLog, type LogEvent, type VerifyResult } from './verifier';

type StoredEvent = LogEvent & { columns: EventColumns };

// 600 events with uuid actors (the column is a uuid), stored hashes and a head every 100.
const COUNT = 600;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const publicKeys = new Map([[keyIdOf(keys.publicKey), keys.publicKey]]);
let events: StoredEvent[];
let heads: SignedTreeHead[];

beforeAll(() => {
  events = [];
  heads = [];
  const tree = new MerkleTreeBuilder();
  for (let seq = 1; seq <= COUNT; seq++) {
    const canonical = encodeEvent(makeEvent(seq, { actorId: uuid(seq % 7), subjectId: `주체-${seq % 11}` }));
    const leaf = leafHash(canonical);
    events.push({ seq, canonical, leafHash: leaf, columns: columnsOf(canonical) });
    tree.append(leaf);
    if (seq % 100 === 0) {
      heads.push(signTreeHead(keys.privateKey, { treeSize: seq, rootHash: tree.root(), timestamp: new Date(seq) }));
    }
  }
});

const copy = (): StoredEvent[] => events.map((e) => ({ ...e, columns: { ...e.columns } }));

function framed(bytes: Buffer, sizes: readonly number[], batchBytes = 4096): Buffer[] {
  const framer = new PackedFramer(batchBytes);
  const batches: Buffer[] = [];
  for (const chunk of chunked(bytes, sizes)) batches.push(...framer.push(chunk));
  batches.push(framer.end());
  return batches;
}

function decoded(batches: Buffer[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const b of batches) decodePacked(b, (e) => out.push(e));
  return out;
}

const plain = (e: StoredEvent) => ({
  seq: e.seq,
  canonical: Buffer.from(e.canonical).toString('hex'),
  leafHash: e.leafHash ? Buffer.from(e.leafHash).toString('hex') : null,
  columns: e.columns,
});

describe('PackedFramer and decodePacked', () => {
  it.each([
    ['one byte at a time', [1]],
    ['chunks of 7 and 13 bytes', [7, 13]],
    ['chunks that split headers, lengths and values', [3, 2, 5, 64, 1, 333]],
    ['one chunk', [1 << 24]],
  ])('reads every row, %s (rows split across chunk boundaries)', (_name, sizes) => {
    const bytes = packEvents(events.slice(0, 120));
    const batches = framed(bytes, sizes);
    expect(decoded(batches).map(plain)).toEqual(events.slice(0, 120).map(plain));
    // Every batch but the last holds whole rows and reaches the batch size.
    for (const b of batches.slice(0, -1)) expect(b.length).toBeGreaterThanOrEqual(4096);
  });

  it('reads NULLs, non-ASCII text and the exact microsecond', () => {
    const e: StoredEvent = {
      ...events[0]!,
      leafHash: null,
      columns: {
        ...events[0]!.columns,
        timeMicros: 1_764_000_000_123_456,
        actorId: null,
        subjectId: '김민수',
        outcome: null,
      },
    };
    const [back] = decoded(framed(packEvents([e]), [5]));
    expect(plain(back!)).toEqual(plain(e));
  });

  it('refuses a stream cut short, a row with the wrong number of columns, and what is not a COPY stream', () => {
    const bytes = packEvents(events.slice(0, 3));
    const cut = new PackedFramer(64);
    cut.push(bytes.subarray(0, bytes.length - 10));
    expect(() => cut.end()).toThrow(/ended before its trailer/);

    const wrong = Buffer.from(bytes);
    wrong.writeInt16BE(10, 19); // the first row's field count
    expect(() => new PackedFramer(64).push(wrong)).toThrow(/10 columns, not 11/);

    expect(() => new PackedFramer(64).push(Buffer.from('seq\tcanonical\n1\t{}\n\\.\n'))).toThrow(/not a binary COPY/);
  });

  it('digests what the verifier computes: leaf hash, stored hash check, embedded seq, columns', () => {
    const changed = copy();
    changed[4]!.columns.outcome = 'denied';
    changed[4]!.columns.actorRole = 'dpo';
    changed[5]!.leafHash = Buffer.alloc(32);
    const digest = digestPacked(decodedBatch(packEvents(changed.slice(0, 8))));
    expect(digest.count).toBe(8);
    expect(Buffer.from(digest.leaves.subarray(0, 32))).toEqual(leafHash(events[0]!.canonical));
    expect([...digest.embedded]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...digest.storedDiffers]).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    expect(digest.columns[4]).not.toBe(0);
    expect([...digest.columns].filter((c) => c !== 0)).toHaveLength(1);
  });
});

describe('DigestPool', () => {
  it('digests batches on its worker threads exactly as on the calling thread', async () => {
    const batches = framed(packEvents(events), [2048], 8192);
    const here = batches.map((b) => digestPacked(b));
    batches.push(Buffer.from(batches[0]!)); // not a framer's: copied, never moved
    const pool = new DigestPool(2);
    try {
      await pool.ready();
      const there = await Promise.all(batches.map((b) => pool.digest(b)));
      expect(
        there
          .slice(0, -1)
          .map((d) => d.count)
          .reduce((a, b) => a + b),
      ).toBe(COUNT);
      expect(there).toEqual([...here, here[0]]);
      // The framer's batches moved to the workers; the copy did not.
      expect(batches[0]!.length).toBe(0);
      expect(batches.at(-1)!.length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});

function decodedBatch(bytes: Buffer): Buffer {
  return framed(bytes, [bytes.length], bytes.length + 1).at(-1)!;
}

describe('verifyLog over a packed stream gives what it gives over the same events one by one', () => {
  // 3,000-byte batches hold a few events each, so most events are read through a batch's aligned
  // subtrees (hashed where the batch was digested), with heads and tampering inside batches and at
  // their edges; 1 MiB holds the whole log in one batch.
  const both = async (
    stored: StoredEvent[],
    workers: number,
    batchBytes?: number,
  ): Promise<[VerifyResult, VerifyResult]> => {
    const bytes = packEvents(stored);
    const oneByOne = await verifyLog({ events: stored, heads, publicKeys });
    const packed = await verifyLog({
      events: { packed: chunked(bytes, [1000, 17, 4096]), workers, batchBytes },
      heads,
      publicKeys,
    });
    return [packed, oneByOne];
  };

  // The seqs that start a batch of `batchBytes` (of the intact log).
  const startsBySize = new Map<number, number[]>();
  const batchStarts = (batchBytes: number): number[] => {
    const known = startsBySize.get(batchBytes);
    if (known) return known;
    const starts: number[] = [];
    startsBySize.set(batchBytes, starts);
    let next = 1;
    for (const b of framed(packEvents(events), [1000, 17, 4096], batchBytes)) {
      starts.push(next);
      next += digestPacked(b).count;
    }
    return starts;
  };
  const SMALL = 3000;
  const changeEvent = (e: StoredEvent[], seq: number) => {
    e[seq - 1]!.canonical = encodeEvent(
      makeEvent(seq, { actorId: uuid(seq % 7), subjectId: `주체-${seq % 11}`, outcome: 'failure' }),
    );
    e[seq - 1]!.columns.outcome = 'failure';
    return e;
  };

  const tampered: [string, (e: StoredEvent[]) => StoredEvent[]][] = [
    ['intact', (e) => e],
    [
      'a changed event',
      (e) => {
        e[40]!.canonical = encodeEvent(makeEvent(41, { actorId: uuid(41 % 7), outcome: 'failure' }));
        return e;
      },
    ],
    [
      'a changed column',
      (e) => {
        e[250]!.columns.requestId = 'other';
        return e;
      },
    ],
    ['a missing seq', (e) => e.filter((x) => x.seq !== 77)],
    ['two swapped rows', (e) => [...e.slice(0, 300), e[301]!, e[300]!, ...e.slice(302)]],
    ['a duplicated seq', (e) => [...e.slice(0, 120), e[119]!, ...e.slice(120)]],
    ['the newest events dropped', (e) => e.slice(0, 555)],
    // Inside and at the edges of the small batches, and at a head's size.
    ['the first event of a batch changed', (e) => changeEvent(e, batchStarts(SMALL)[20]!)],
    ['the last event of a batch changed', (e) => changeEvent(e, batchStarts(SMALL)[20]! - 1)],
    ['the event at a head changed', (e) => changeEvent(e, 200)],
    ['the event after a head changed', (e) => changeEvent(e, 201)],
    [
      'an event and its stored hash changed together inside a batch',
      (e) => {
        changeEvent(e, batchStarts(SMALL)[30]! + 1);
        e[batchStarts(SMALL)[30]!]!.leafHash = leafHash(e[batchStarts(SMALL)[30]!]!.canonical);
        return e;
      },
    ],
    [
      'only a stored hash changed, in a range a head covers',
      (e) => {
        e[333]!.leafHash = Buffer.alloc(32, 7);
        return e;
      },
    ],
    [
      'a column changed on the last event of a batch',
      (e) => {
        e[batchStarts(SMALL)[12]! - 2]!.columns.timeMicros = 1;
        return e;
      },
    ],
    [
      'an event renumbered inside its bytes (seq 150 carries 149)',
      (e) => {
        e[149]!.canonical = encodeEvent(makeEvent(149, { actorId: uuid(150 % 7), subjectId: `주체-${150 % 11}` }));
        return e;
      },
    ],
    [
      'a seq repeated across a batch edge',
      (e) => {
        const at = batchStarts(SMALL)[9]! - 1; // index of a batch's first event
        return [...e.slice(0, at), e[at - 1]!, ...e.slice(at)];
      },
    ],
    ['a gap at a batch edge', (e) => e.filter((x) => x.seq !== batchStarts(SMALL)[15]!)],
    ['the log cut at a batch edge', (e) => e.slice(0, batchStarts(SMALL)[25]! - 1)],
    [
      'a forged head-covered range: every stored hash rewritten with the events',
      (e) => {
        for (const seq of [402, 403]) {
          changeEvent(e, seq);
          e[seq - 1]!.leafHash = leafHash(e[seq - 1]!.canonical);
        }
        return e;
      },
    ],
  ];

  it.each(tampered)('%s, on the calling thread', async (_name, change) => {
    const [packed, oneByOne] = await both(change(copy()), 0);
    expect(packed).toEqual(oneByOne);
  });

  it.each(tampered)('%s, on two worker threads', async (_name, change) => {
    const [packed, oneByOne] = await both(change(copy()), 2);
    expect(packed).toEqual(oneByOne);
  });

  it.each(tampered)('%s, in small batches on the calling thread', async (_name, change) => {
    const [packed, oneByOne] = await both(change(copy()), 0, SMALL);
    expect(packed).toEqual(oneByOne);
  });

  it.each(tampered)('%s, in small batches on two worker threads', async (_name, change) => {
    const [packed, oneByOne] = await both(change(copy()), 2, SMALL);
    expect(packed).toEqual(oneByOne);
  });

  it('reads most events of small batches through their aligned subtrees', () => {
    const digests = framed(packEvents(events), [1000, 17, 4096], SMALL).map((b) => digestPacked(b));
    expect(digests.length).toBeGreaterThan(50);
    expect(digests.every((d) => d.first === d.seqs[0]! - 1 && d.nodes.length > 0)).toBe(true);
    const shuffled = digestPacked(decodedBatch(packEvents([events[1]!, events[0]!, events[2]!])));
    expect(shuffled.first).toBe(-1);
  });

  it('finds the tampering (the equality above is not between two empty reports)', async () => {
    const e = copy();
    e[250]!.columns.requestId = 'other';
    const [packed] = await both(e, 2);
    expect(packed.ok).toBe(false);
    expect(packed.problems.map((p) => [p.kind, p.seq])).toEqual([['modified', 251]]);
    const edge = batchStarts(SMALL)[20]!;
    const [small] = await both(changeEvent(copy(), edge), 2, SMALL);
    expect(small.problems.map((p) => [p.kind, p.seq, p.exact])).toEqual([['modified', edge, true]]);
  });
});

describe('the column checks of a digest', () => {
  // Text around and inside the members the columns are checked against, as a tamperer might write it.
  const pieces = [
    ' ',
    '\t',
    '\n',
    '\\u0041',
    '\\"',
    '"',
    ',',
    ':',
    '{',
    '}',
    '[',
    ']',
    '1',
    '-0',
    '1e5',
    '01',
    '.5',
    'true',
    'nul',
    'é',
    '\u2028',
    'A',
    '"time":"2026-11-22T03:00:00.01Z"',
    '"outcome":null',
    '"outcome":"x"',
    '"requestId":7',
    '"actorId":"00000000-0000-4000-8000-00000000000A"',
    '"detail":{"a":[1,{"b":"c"}]}',
  ];

  it('find what columnMismatches finds, whatever the bytes (parsed or scanned)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: COUNT - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.constantFrom(...pieces)), { maxLength: 3 }),
        (index, edits) => {
          const e = { ...events[index]!, columns: { ...events[index]!.columns } };
          let text = Buffer.from(e.canonical).toString('utf8');
          for (const [at, cut, piece] of edits) {
            const p = at % (text.length + 1);
            text = text.slice(0, p) + piece + text.slice(p + cut);
          }
          e.canonical = Buffer.from(text, 'utf8');
          const digest = digestPacked(decodedBatch(packEvents([e])));
          expect(columnNames(digest.columns[0]!)).toEqual(columnMismatches(e.canonical, e.columns));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('compare each column with the bytes exactly (case, length, NULL, non-ASCII)', () => {
    const base = events[3]!;
    const cases: [Partial<EventColumns>, string[]][] = [
      [{}, []],
      [{ actorId: uuid(9) }, ['actor_id']],
      [{ actorId: null }, ['actor_id']],
      [{ requestId: `${base.columns.requestId!} ` }, ['request_id']],
      [{ requestId: base.columns.requestId!.slice(0, -1) }, ['request_id']],
      [{ subjectId: base.columns.subjectId!.replace('주', '수') }, ['subject_id']],
      [{ outcome: null }, ['outcome']],
      [{ timeMicros: base.columns.timeMicros! + 1 }, ['occurred_at']],
    ];
    for (const [change, expected] of cases) {
      const e = { ...base, columns: { ...base.columns, ...change } };
      expect(columnNames(digestPacked(decodedBatch(packEvents([e]))).columns[0]!)).toEqual(expected);
      expect(columnMismatches(e.canonical, e.columns)).toEqual(expected);
    }
  });
});
