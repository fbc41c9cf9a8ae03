import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { encodeEvent } from './canonical';
import { leafHash } from './merkle';
import { buildLog, changed, LogFixture, makeEvent } from './testing/log-fixture';
import { keyIdOf, signTreeHead } from './tree-head';
import type { EventColumns } from './columns';
import { formatProblem, LogEvent, Problem, verifyLog } from './verifier';

// 2,000 events with a signed head every 250 (8 heads), as the sequencer would leave them.
const COUNT = 2000;
let log: LogFixture;

beforeAll(() => {
  log = buildLog(COUNT, 250);
});

const verify = (events: LogEvent[], heads = log.heads) => verifyLog({ events, heads, publicKeys: log.publicKeys });

const copy = () => log.events.map((e) => ({ ...e }));
const at = (events: LogEvent[], seq: number) => events.findIndex((e) => e.seq === seq);
const brief = (p: Problem) => [p.kind, p.seq];

describe('verifyLog on an intact log', () => {
  it('verifies every head and offers a checkpoint at the latest', async () => {
    const result = await verify(log.events);
    expect(result).toMatchObject({
      ok: true,
      checked: COUNT,
      lastSeq: COUNT,
      headsVerified: 8,
      headsUnverified: 0,
      unsignedEvents: 0,
      problems: [],
    });
    expect(result.latestVerifiedHead).toBe(log.heads[7]);
    expect(result.resume?.treeSize).toBe(COUNT);
  });

  it('reads an async iterable and an export without stored leaf hashes', async () => {
    async function* stream() {
      for (const e of log.events) yield { seq: e.seq, canonical: e.canonical };
    }
    const result = await verifyLog({ events: stream(), heads: log.heads, publicKeys: log.publicKeys });
    expect(result.ok).toBe(true);
    expect(result.headsVerified).toBe(8);
  });

  it('counts events after the latest head as unsigned, not as a problem', async () => {
    const result = await verify(log.events, log.heads.slice(0, 6));
    expect(result).toMatchObject({ ok: true, headsVerified: 6, unsignedEvents: 500 });
  });

  it('resumes from a checkpoint and reads only newer events', async () => {
    const first = await verify(log.events.slice(0, 1600), log.heads.slice(0, 6));
    expect(first.resume?.treeSize).toBe(1500);
    const next = await verifyLog({
      events: log.events.slice(1500),
      heads: log.heads,
      publicKeys: log.publicKeys,
      from: JSON.parse(JSON.stringify(first.resume)),
    });
    // The head at 1500 is checked against the checkpoint, then 1750 and 2000 against new events.
    expect(next).toMatchObject({ ok: true, checked: 500, headsVerified: 3 });

    const tampered = log.events
      .slice(1500)
      .map((e) => (e.seq === 1777 ? { ...e, canonical: changed(1777, { ip: '6.6.6.6' }) } : e));
    const bad = await verifyLog({
      events: tampered,
      heads: log.heads,
      publicKeys: log.publicKeys,
      from: first.resume!,
    });
    expect(bad.problems.map(brief)).toEqual([['modified', 1777]]);
  });

  it('rejects a checkpoint that does not match the signed head of its size', async () => {
    const first = await verify(log.events.slice(0, 1500), log.heads.slice(0, 6));
    const forged = {
      treeSize: 1500,
      frontier: { ...first.resume!.frontier, nodes: [...first.resume!.frontier.nodes] },
    };
    forged.frontier.nodes[0] = leafHash(Buffer.from('x')).toString('hex');
    const result = await verifyLog({
      events: log.events.slice(1500),
      heads: log.heads,
      publicKeys: log.publicKeys,
      from: forged,
    });
    expect(result.ok).toBe(false);
    expect(result.problems[0]).toMatchObject({ kind: 'modified', seq: null });
  });
});

describe('verifyLog names each kind of tampering and the first seq affected', () => {
  it('one field of one event changed: modified at that seq', async () => {
    const events = copy();
    events[at(events, 1234)]!.canonical = changed(1234, { subjectId: 'subject-somebody-else' });
    const result = await verify(events);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'modified',
        seq: 1234,
        exact: true,
        head: expect.objectContaining({ treeSize: 1250 }),
      }),
    ]);
    expect(formatProblem(result.problems[0]!)).toBe(
      `MODIFIED first affected seq 1234: event bytes do not match the stored leaf hash; the root differs from the signed tree head of size 1250 (${log.heads[4]!.timestamp})`,
    );
    expect(result.headsVerified).toBe(4);
    expect(result.resume?.treeSize).toBe(1000);
  });

  it('one event changed in an export without stored hashes: modified, bounded by the heads around it', async () => {
    const events = copy().map((e) => ({ seq: e.seq, canonical: e.canonical }));
    events[at(events, 1234)]!.canonical = changed(1234, { outcome: 'denied' });
    const result = await verify(events);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'modified', seq: 1001, exact: false, lastSeq: 1250 }),
    ]);
  });

  it('one event deleted: missing at that seq', async () => {
    const events = copy();
    events.splice(at(events, 1234), 1);
    const result = await verify(events);
    expect(result.problems.map(brief)).toEqual([['missing', 1234]]);
    expect(result.headsUnverified).toBe(4);
  });

  it('several consecutive events deleted: missing names the first and the range', async () => {
    const events = copy();
    events.splice(at(events, 300), 5);
    const result = await verify(events);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'missing', seq: 300, lastSeq: 304 })]);
  });

  it.each([
    ['after', 1],
    ['before', 0],
  ])('a forged event with a duplicate seq (%s the genuine one): inserted at that seq', async (_where, offset) => {
    const events = copy();
    const forged = changed(1234, { actorId: 'staff-innocent' });
    events.splice(at(events, 1234) + offset, 0, { seq: 1234, canonical: forged, leafHash: leafHash(forged) });
    const result = await verify(events);
    expect(result.problems.map(brief)).toEqual([['inserted', 1234]]);
    expect(result.problems[0]!.message).toContain(
      `copy ${offset === 1 ? 1 : 2} of 2 is the one the signed head of size 1250 covers`,
    );
    expect(result.headsVerified).toBe(8);
  });

  it('a forged event slipped in with later events renumbered: inserted at its seq', async () => {
    const events = copy();
    const i = at(events, 1234);
    for (const e of events.slice(i)) e.seq += 1;
    const forged = changed(1234, { action: 'delete' });
    events.splice(i, 0, { seq: 1234, canonical: forged, leafHash: leafHash(forged) });
    const result = await verify(events);
    expect(result.problems.map(brief)).toEqual([['inserted', 1234]]);
  });

  it('an event deleted with later events renumbered: missing at its seq', async () => {
    const events = copy();
    const i = at(events, 1234);
    events.splice(i, 1);
    for (const e of events.slice(i)) e.seq -= 1;
    const result = await verify(events);
    expect(result.problems.map(brief)).toEqual([
      ['missing', 1234],
      ['truncated', 2000],
    ]);
  });

  it('two events swapped in the export: reordered at the first of them, content still verifies', async () => {
    const events = copy();
    const [a, b] = [at(events, 1234), at(events, 1240)];
    [events[a], events[b]] = [events[b]!, events[a]!];
    const result = await verify(events);
    expect(result.problems.map(brief)).toEqual([['reordered', 1234]]);
    expect(result.headsVerified).toBe(8);
  });

  it('two adjacent events swapped: reordered', async () => {
    const events = copy();
    const a = at(events, 77);
    [events[a], events[a + 1]] = [events[a + 1]!, events[a]!];
    expect((await verify(events)).problems.map(brief)).toEqual([['reordered', 77]]);
  });

  // What a database swap looks like: the rows keep their places and exchange their seq values.
  it('two events swapped and renumbered to hide it: reordered at the first swapped seq', async () => {
    const events = copy();
    const [a, b] = [at(events, 1234), at(events, 1240)];
    const [ea, eb] = [events[a]!, events[b]!];
    events[a] = { ...eb, seq: 1234 };
    events[b] = { ...ea, seq: 1240 };
    const result = await verify(events);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'reordered',
        seq: 1234,
        exact: true,
        message: expect.stringContaining('seq 1234 holds the event written as seq 1240'),
      }),
    ]);
  });

  it('two events swapped and renumbered after the latest head: reordered once', async () => {
    const short = buildLog(30, 20);
    const events = short.events.map((e) => ({ ...e }));
    [events[23], events[25]] = [
      { ...events[25]!, seq: 24 },
      { ...events[23]!, seq: 26 },
    ];
    const result = await verifyLog({ events, heads: short.heads.slice(0, 1), publicKeys: short.publicKeys });
    expect(result.problems.map(brief)).toEqual([['reordered', 24]]);
  });

  it('an event replaced by a renumbered copy of another: still modified, not reordered', async () => {
    const events = copy();
    const a = at(events, 500);
    events[a] = { ...events[at(events, 900)]!, seq: 500 };
    expect((await verify(events)).problems.map(brief)).toEqual([['modified', 500]]);
  });

  it('the newest 10 events dropped: truncated at the first dropped seq', async () => {
    const result = await verify(copy().slice(0, COUNT - 10));
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'truncated', seq: 1991, lastSeq: 2000 })]);
    expect(result.headsVerified).toBe(7);
  });

  it('a whole range rewritten with recomputed hashes from a head boundary: modified at its first seq', async () => {
    const events = copy();
    for (const e of events) {
      if (e.seq >= 1001 && e.seq <= 1500) {
        e.canonical = changed(e.seq, { purpose: 'routine check' });
        e.leafHash = leafHash(e.canonical);
      }
    }
    const result = await verify(events);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'modified', seq: 1001, lastSeq: 1250 })]);
    expect(result.headsVerified).toBe(4);
  });

  it('a range rewritten from mid-way between heads: modified, bounded by the heads around its start', async () => {
    const events = copy();
    for (const e of events) {
      if (e.seq >= 1100 && e.seq <= 1500) {
        e.canonical = changed(e.seq, { purpose: 'routine check' });
        e.leafHash = leafHash(e.canonical);
      }
    }
    const result = await verify(events);
    // A root cannot say which of its leaves changed; only heads 1000 and 1250 bound the start.
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'modified', seq: 1001, lastSeq: 1250, exact: false }),
    ]);
    expect(formatProblem(result.problems[0]!)).toMatch(
      /^MODIFIED first affected seq 1001 \(somewhere in 1001\.\.1250\): /,
    );
  });

  it('an event after the latest head whose bytes no longer match its stored hash: modified', async () => {
    const events = copy();
    events[at(events, 1990)]!.canonical = changed(1990, { fields: [] });
    const result = await verify(events, log.heads.slice(0, 7));
    expect(result.problems.map(brief)).toEqual([['modified', 1990]]);
  });
});

describe('verifyLog checks the heads themselves', () => {
  it('a head with an altered root: bad_signature, the others still verify', async () => {
    const heads = log.heads.map((h) => ({ ...h }));
    heads[2]!.rootHash = heads[1]!.rootHash;
    const result = await verify(log.events, heads);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'bad_signature',
        seq: null,
        head: expect.objectContaining({ index: 2, treeSize: 750 }),
      }),
    ]);
    expect(result.headsVerified).toBe(7);
  });

  it('a head signed by an unknown key or malformed: bad_signature', async () => {
    const stranger = generateKeyPairSync('ed25519');
    const foreign = signTreeHead(stranger.privateKey, {
      treeSize: 2000,
      rootHash: log.heads[7]!.rootHash,
      timestamp: new Date(),
    });
    const broken = { ...log.heads[7]!, treeSize: -1 };
    const result = await verify(log.events, [...log.heads, foreign, broken]);
    expect(result.problems.map((p) => [p.kind, p.head?.index ?? null])).toEqual([
      ['bad_signature', 8],
      ['bad_signature', null],
    ]);
    expect(result.problems[0]!.message).toContain(keyIdOf(stranger.publicKey));
  });

  it('a validly signed head that goes back in size or time: head_regression', async () => {
    const older = signTreeHead(log.privateKey, {
      treeSize: 1000,
      rootHash: log.heads[3]!.rootHash,
      timestamp: new Date(Date.parse(log.heads[7]!.timestamp) + 1000),
    });
    const earlier = signTreeHead(log.privateKey, {
      treeSize: 2000,
      rootHash: log.heads[7]!.rootHash,
      timestamp: log.heads[0]!.timestamp,
    });
    const result = await verify(log.events, [...log.heads, older, earlier]);
    expect(result.problems.map((p) => [p.kind, p.head?.index])).toEqual([
      ['head_regression', 8],
      ['head_regression', 9],
    ]);
  });

  it('two signed heads of one size with different roots: head_regression, and content checked against both', async () => {
    const fork = signTreeHead(log.privateKey, {
      treeSize: 2000,
      rootHash: leafHash(Buffer.from('other history')),
      timestamp: new Date(Date.parse(log.heads[7]!.timestamp) + 1000),
    });
    const result = await verify(log.events, [...log.heads, fork]);
    expect(result.problems.map((p) => p.kind)).toEqual(['head_regression']);
    expect(result.headsVerified).toBe(8);
  });
});

describe('verifyLog input edge cases', () => {
  it('verifies an empty log against an empty-tree head', async () => {
    const empty = signTreeHead(log.privateKey, {
      treeSize: 0,
      rootHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      timestamp: new Date(),
    });
    expect(await verifyLog({ events: [], heads: [empty], publicKeys: log.publicKeys })).toMatchObject({
      ok: true,
      headsVerified: 1,
    });
  });

  it('reports an event with an invalid seq', async () => {
    const bogus = { seq: 0, canonical: encodeEvent(makeEvent(1)) };
    const result = await verify([bogus, ...log.events]);
    expect(result.problems.map(brief)).toEqual([['inserted', null]]);
  });

  it('declares a gap missing once more than the reorder window arrived after it', async () => {
    const events = copy();
    const [late] = events.splice(at(events, 10), 1);
    events.splice(at(events, 100), 0, late!);
    const result = await verifyLog({ events, heads: log.heads, publicKeys: log.publicKeys, reorderWindow: 50 });
    expect(result.problems.map(brief)).toEqual([
      ['missing', 10],
      ['inserted', 10],
    ]);
  });

  it('stops recording after maxProblems', async () => {
    const events = copy().filter((e) => e.seq % 2 === 0 || e.seq > 1990);
    const result = await verifyLog({ events, heads: log.heads, publicKeys: log.publicKeys, maxProblems: 3 });
    expect(result.problems).toHaveLength(3);
    expect(result.problemsDropped).toBeGreaterThan(0);
    expect(result.ok).toBe(false);
  });
});

describe('verifyLog properties', () => {
  let small: LogFixture;
  beforeAll(() => {
    small = buildLog(120, 16);
  });
  const run = (events: LogEvent[]) => verifyLog({ events, heads: small.heads, publicKeys: small.publicKeys });

  it('names exactly the deleted seq, whichever it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 119 }), async (seq) => {
        const result = await run(small.events.filter((e) => e.seq !== seq));
        expect(result.problems.map(brief)).toEqual([['missing', seq]]);
      }),
      { numRuns: 40 },
    );
  });

  it('reports any displacement of one event as reordered at the smaller seq, and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 119 }), fc.integer({ min: 0, max: 119 }), async (from, to) => {
        fc.pre(from !== to);
        const events = [...small.events];
        const [moved] = events.splice(from, 1);
        events.splice(to, 0, moved!);
        const result = await run(events);
        const first = Math.min(from, to) + 1;
        expect(result.problems.map(brief)).toEqual([['reordered', first]]);
        expect(result.headsVerified).toBe(small.heads.length);
      }),
      { numRuns: 60 },
    );
  });

  it('names exactly the changed seq when stored hashes are kept', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 120 }), async (seq) => {
        const events = small.events.map((e) => (e.seq === seq ? { ...e, canonical: changed(seq, { ip: null }) } : e));
        const result = await run(events);
        expect(result.problems.map(brief)).toEqual([['modified', seq]]);
      }),
      { numRuns: 40 },
    );
  });
});

describe('verifyLog compares the stored columns with the signed bytes', () => {
  const columnsOf = (canonical: Uint8Array): EventColumns => {
    const e = JSON.parse(Buffer.from(canonical).toString('utf8')) as Record<string, string | null>;
    return {
      timeMicros: Date.parse(e.time as string) * 1000,
      actorId: e.actorId,
      actorRole: e.actorRole,
      subjectId: e.subjectId,
      action: e.action,
      resource: e.resource,
      outcome: e.outcome,
      requestId: e.requestId,
    };
  };
  const withColumns = () => log.events.map((e) => ({ ...e, columns: columnsOf(e.canonical) }));

  it('passes when every column agrees', async () => {
    const result = await verify(withColumns());
    expect(result.problems).toEqual([]);
    expect(result.headsVerified).toBe(8);
  });

  it.each([
    ['occurred_at', { timeMicros: 1 }],
    ['occurred_at', { timeMicros: null }],
    ['actor_id', { actorId: null }],
    ['actor_role', { actorRole: 'auditor' }],
    ['subject_id', { subjectId: 'someone-else' }],
    ['action', { action: 'print' }],
    ['resource', { resource: 'register' }],
    ['outcome', { outcome: 'denied' }],
    ['request_id', { requestId: 'x' }],
  ] as [string, Partial<EventColumns>][])('names the seq whose %s column differs', async (column, change) => {
    const events = withColumns();
    const e = events[at(events, 777)]!;
    e.columns = { ...e.columns, ...change };
    const result = await verify(events);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'modified',
        seq: 777,
        exact: true,
        message: `stored column ${column} differs from the signed event bytes`,
      }),
    ]);
    // The signed content itself is intact: every head still verifies.
    expect(result.headsVerified).toBe(8);
  });

  it('names several columns of one event at once, and each event separately', async () => {
    const events = withColumns();
    const e = events[at(events, 10)]!;
    e.columns = { ...e.columns!, actorRole: 'x', subjectId: 'y' };
    const f = events[at(events, 1999)]!;
    f.columns = { ...f.columns!, outcome: 'failure' };
    expect((await verify(events)).problems.map((p) => [p.seq, p.message])).toEqual([
      [10, 'stored columns actor_role, subject_id differ from the signed event bytes'],
      [1999, 'stored column outcome differs from the signed event bytes'],
    ]);
  });
});
