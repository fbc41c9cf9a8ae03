import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/test-database';

/** RFC 8032, section 7.1: secret key, public key, message, signature (hex). */
const RFC8032 = [
  {
    name: 'TEST 1 (empty message)',
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    name: 'TEST 2 (one byte)',
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    name: 'TEST 3 (two bytes)',
    secret: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    message: 'af82',
    signature:
      '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
  {
    name: 'TEST SHA(abc) (64 bytes)',
    secret: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
    publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
    message:
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    signature:
      'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
  },
];

const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'der' }).subarray(12);
}

function littleEndian(n: bigint): Buffer {
  const out = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function fromLittleEndian(b: Buffer): bigint {
  let n = 0n;
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i]!);
  return n;
}

function flip(b: Buffer, index: number): Buffer {
  const out = Buffer.from(b);
  out[index] ^= 1;
  return out;
}

describe('ed25519_verify() in the database (RFC 8032, checked against node:crypto)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let owner: Client;
  const timings: number[] = [];

  const check = async (publicKey: Buffer, message: Buffer, signature: Buffer): Promise<boolean> => {
    const started = process.hrtime.bigint();
    const { rows } = await owner.query<{ ok: boolean }>('SELECT ed25519_verify($1, $2, $3) AS ok', [
      publicKey,
      message,
      signature,
    ]);
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    return rows[0].ok;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Client({ connectionString: db.ownerUrl });
    await owner.connect();
  });
  afterAll(async () => {
    timings.sort((a, b) => a - b);
    const p = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!.toFixed(1);
    process.stdout.write(`ed25519_verify: ${timings.length} calls, median ${p(0.5)} ms, p95 ${p(0.95)} ms\n`);
    await owner.end();
    await dropTestDatabase(db.name);
  });

  it.each(RFC8032)('accepts $name and refuses it with any part changed', async (v) => {
    const publicKey = Buffer.from(v.publicKey, 'hex');
    const message = Buffer.from(v.message, 'hex');
    const signature = Buffer.from(v.signature, 'hex');
    // The vectors are what node:crypto makes from the secret key, too.
    const secret = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(v.secret, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
    expect(rawPublicKey(secret).toString('hex')).toBe(v.publicKey);
    expect(sign(null, message, secret).toString('hex')).toBe(v.signature);

    expect(await check(publicKey, message, signature)).toBe(true);
    expect(await check(publicKey, Buffer.concat([message, Buffer.from([0])]), signature)).toBe(false);
    expect(await check(publicKey, message, flip(signature, 0))).toBe(false); // R
    expect(await check(publicKey, message, flip(signature, 40))).toBe(false); // S
    expect(await check(flip(publicKey, 3), message, signature)).toBe(false);
  });

  it('agrees with node:crypto on its own signatures, and on wrong ones', async () => {
    for (const length of [0, 1, 31, 32, 64, 200, 1000]) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const other = generateKeyPairSync('ed25519');
      const message = randomBytes(length);
      const signature = sign(null, message, privateKey);
      const raw = rawPublicKey(publicKey);
      expect(await check(raw, message, signature)).toBe(true);
      // Wrong key, wrong message, wrong signature.
      expect(await check(rawPublicKey(other.publicKey), message, signature)).toBe(false);
      expect(await check(raw, Buffer.concat([message, Buffer.from('x')]), signature)).toBe(false);
      expect(await check(raw, message, sign(null, message, other.privateKey))).toBe(false);
      expect(verify(null, message, publicKey, flip(signature, 63))).toBe(false);
      expect(await check(raw, message, flip(signature, 63))).toBe(false);
    }
  });

  it('refuses a non-canonical S (S + L), as node:crypto does, and malformed input', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const message = Buffer.from('purge through 60');
    let signature = sign(null, message, privateKey);
    // S + L must still fit in 32 bytes (it does unless S is near 2^253).
    for (let i = 0; fromLittleEndian(signature.subarray(32)) + L >= 1n << 256n; i++) {
      signature = sign(null, Buffer.concat([message, Buffer.from([i])]), privateKey);
    }
    const s = fromLittleEndian(signature.subarray(32));
    const malleated = Buffer.concat([signature.subarray(0, 32), littleEndian(s + L)]);
    expect(verify(null, message, publicKey, malleated)).toBe(false);
    const raw = rawPublicKey(publicKey);
    expect(await check(raw, message, signature)).toBe(true);
    expect(await check(raw, message, malleated)).toBe(false);

    expect(await check(raw, message, signature.subarray(0, 63))).toBe(false);
    expect(await check(raw.subarray(0, 31), message, signature)).toBe(false);
    // y = p (not reduced) is not a valid encoding.
    const p = (1n << 255n) - 19n;
    expect(await check(littleEndian(p), message, signature)).toBe(false);
  });

  it('reads the raw key out of the PEM the console stores', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { rows } = await owner.query<{ key: Buffer | null; rsa: Buffer | null }>(
      'SELECT ed25519_public_key_from_pem($1) AS key, ed25519_public_key_from_pem($2) AS rsa',
      [pem, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' })],
    );
    expect(rows[0].key?.equals(rawPublicKey(publicKey))).toBe(true);
    expect(rows[0].rsa).toBeNull();
  });
});
