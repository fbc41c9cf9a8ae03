import { base, en, Faker, ko, type Randomizer } from '@faker-js/faker';

/**
 * A small, fast, seedable randomizer (sfc32, seeded through splitmix32) for faker. The demo
 * generator re-seeds it for every household, so one household's people do not depend on how
 * many were generated before it; faker's default Mersenne Twister takes ~50 µs to seed, this
 * one well under 1 µs, which matters at 100,000 subjects.
 */
export class DemoRandomizer implements Randomizer {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number | number[] = 0) {
    this.seed(seed);
  }

  // Arrow functions: faker calls next() detached from the object.
  readonly next = (): number => this.uint32() / 4294967296;

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  readonly seed = (seed: number | number[]): void => {
    let h = 0x9e3779b9;
    const mix = (value: number) => {
      h = (h + value) | 0;
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      h ^= h >>> 16;
      return h >>> 0;
    };
    for (const value of Array.isArray(seed) ? seed : [seed]) {
      // Integers up to 2^53 contribute both halves; fractions are not expected.
      mix(value >>> 0);
      mix(Math.floor(value / 4294967296) >>> 0);
      mix(0x632be5ab);
    }
    this.a = mix(1);
    this.b = mix(2);
    this.c = mix(3);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.uint32();
  };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (n: number) => HEX[n >>> 24] + HEX[(n >>> 16) & 0xff] + HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];

/** A version-4-shaped UUID from the randomizer (ids are part of the deterministic output). */
export function demoUuid(random: DemoRandomizer): string {
  const a = hex32(random.uint32());
  const b = random.uint32();
  const c = random.uint32();
  const d = hex32(random.uint32());
  const version = hex32(((b & 0xffff0fff) | 0x4000) >>> 0);
  const variant = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
  return `${a}-${version.slice(0, 4)}-${version.slice(4)}-${variant.slice(0, 4)}-${variant.slice(4)}${d}`;
}

/** Dice over one randomizer: the generator's own choices (what faker has no method for). */
export class Dice {
  constructor(readonly random: DemoRandomizer) {}

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.random.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)];
  }

  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.random.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1][0];
  }

  /** Distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]);
    return out;
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  uuid(): string {
    return demoUuid(this.random);
  }
}

export interface DemoFakers {
  /** fakerKO's locale chain (ko → en → base) on a DemoRandomizer. */
  ko: Faker;
  /** fakerEN's locale chain (en → base) on a DemoRandomizer. */
  en: Faker;
  random: DemoRandomizer;
  dice: Dice;
}

/**
 * Korean and English fakers sharing one randomizer: seeding it seeds both. They use the locale
 * data of faker's own fakerKO and fakerEN; only the random source differs.
 */
export function createDemoFakers(): DemoFakers {
  const random = new DemoRandomizer();
  return {
    ko: new Faker({ locale: [ko, en, base], randomizer: random }),
    en: new Faker({ locale: [en, base], randomizer: random }),
    random,
    dice: new Dice(random),
  };
}
