// Test support only (excluded from the build): a signed log of synthetic events.
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { AuditEvent, encodeEvent } from '../canonical';
import { leafHash, MerkleTreeBuilder } from '../merkle';
import { keyIdOf, signTreeHead, SignedTreeHead } from '../tree-head';
import type { LogEvent } from '../verifier';

export interface LogFixture {
  events: LogEvent[];
  heads: SignedTreeHead[];
  publicKeys: Map<string, KeyObject>;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export const keys = generateKeyPairSync('ed25519');

export function makeEvent(seq: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq,
    time: new Date(Date.UTC(2026, 10, 22, 3, 0, 0) + seq * 10).toISOString(),
    actorId: `staff-${seq % 7}`,
    actorRole: 'support',
    sessionId: `sess-${seq % 13}`,
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    subjectId: `subject-${seq % 101}`,
    action: 'view',
    resource: 'subject',
    fields: ['email', 'phone'],
    purpose: null,
    outcome: 'success',
    requestId: `req-${seq}`,
    detail: {},
    ...overrides,
  };
}

/** `count` events with stored leaf hashes, and a head signed every `every` events (and at the end). */
export function buildLog(count: number, every: number): LogFixture {
  const events: LogEvent[] = [];
  const heads: SignedTreeHead[] = [];
  const builder = new MerkleTreeBuilder();
  let time = Date.UTC(2026, 10, 22, 3, 0, 0);
  for (let seq = 1; seq <= count; seq++) {
    const canonical = encodeEvent(makeEvent(seq));
    const leaf = leafHash(canonical);
    events.push({ seq, canonical, leafHash: leaf });
    builder.append(leaf);
    if (seq % every === 0 || seq === count) {
      time += 5000;
      heads.push(signTreeHead(keys.privateKey, { treeSize: seq, rootHash: builder.root(), timestamp: new Date(time) }));
    }
  }
  return {
    events,
    heads,
    publicKeys: new Map([[keyIdOf(keys.publicKey), keys.publicKey]]),
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
  };
}

/** The event at `seq` with one field changed, re-encoded. */
export function changed(seq: number, overrides: Partial<AuditEvent>): Buffer {
  return encodeEvent(makeEvent(seq, overrides));
}
