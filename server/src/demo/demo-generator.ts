import type { Faker } from '@faker-js/faker';
import { addCalendarDays, addCalendarYears, utcDateOf, wholeYearsBetween } from '../calendar/local-date';
import { ContactValues } from '../subjects/contact-values';
import { Aad, type SubjectCrypto } from '../subjects/crypto/subject-crypto';
import { Masking } from '../subjects/masking';
import { DEMO_PEOPLE, type DemoChildSpec, type DemoPerson, type PlantedRecording } from './demo-people';
import { createDemoFakers, Dice, DemoRandomizer, demoUuid, type DemoFakers } from './demo-random';
import { DemoBatch, type DemoRow } from './demo-tables';
import * as text from './demo-text';
import type { DemoLocale, SensitiveCategory } from './demo-text';
import { romanize, romanizeSurname } from './romanize';

type Service = 'maumjuui' | 'shelby';
type Status = 'active' | 'dormant' | 'locked' | 'withdrawn';
type Gender = 'female' | 'male' | 'other' | 'undisclosed';

export type FindingKind =
  | 'recording_without_both_consents'
  | 'phi_without_consent'
  | 'child_without_guardian_consent'
  | 'supervision_sharing_without_consent';

export interface DemoGeneratorOptions {
  /** Rows to create in `subjects` (children included). */
  subjects: number;
  seed: number;
  /** Every timestamp is placed relative to this instant. */
  referenceDate: Date;
  /** Plant DEMO_PEOPLE (a fresh database); off when adding to an existing one. */
  fixedPeople: boolean;
}

/** One account holder and whoever comes with them (a guardian's children). */
export interface UnitPlan {
  kind: 'counselor' | 'client' | 'guardian';
  service: Service;
  locale: DemoLocale;
  children: number;
  person?: DemoPerson;
}

// The generator lays out millions of instants for a bench-sized population as epoch
// milliseconds, for speed (see iso() below). These are made-up timestamps, not date rules:
// ages and birth dates, which are, go through the calendar module.
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Consent text versions; accounts older than VERSION_CUTOFF_DAYS agreed to the previous one. */
const VERSIONS: Record<Service, Record<string, [current: string, previous: string]>> = {
  maumjuui: {
    terms: ['MJ-TOS-2025.03', 'MJ-TOS-2024.01'],
    privacy_required: ['MJ-PP-2025.03', 'MJ-PP-2024.01'],
    privacy_optional: ['MJ-PP-OPT-2025.03', 'MJ-PP-OPT-2024.01'],
    overseas_transfer: ['MJ-XB-2025.03', 'MJ-XB-2024.01'],
    phi: ['MJ-PHI-2.1', 'MJ-PHI-2.0'],
    recording: ['MJ-REC-1.4', 'MJ-REC-1.3'],
    supervision_disclosure: ['MJ-SUP-1.2', 'MJ-SUP-1.1'],
    marketing: ['MJ-MKT-1.1', 'MJ-MKT-1.0'],
  },
  shelby: {
    terms: ['SB-TOS-2025.11', 'SB-TOS-2024.09'],
    privacy_required: ['SB-PP-2025.11', 'SB-PP-2024.09'],
    privacy_optional: ['SB-PP-OPT-2025.11', 'SB-PP-OPT-2024.09'],
    third_party_provision: ['SB-3P-2025.11', 'SB-3P-2024.09'],
    sensitive_data: ['SB-SENS-2025.11', 'SB-SENS-2024.09'],
    guardian_for_child: ['SB-CHILD-2025.11', 'SB-CHILD-2024.09'],
    recording: ['SB-REC-1.0', 'SB-REC-1.0'],
    marketing: ['SB-MKT-2025.11', 'SB-MKT-2024.09'],
  },
};
const VERSION_CUTOFF_DAYS = 400;

// Probabilities of the planted compliance findings (besides DEMO_PEOPLE, who always have theirs).
const PLANT = {
  recordingWithoutCounselorConsent: 0.03,
  supervisionSharingWithoutConsent: 0.025,
  phiWithoutConsent: 0.03,
  childWithoutGuardianConsent: 0.025,
};

interface Person {
  id: string;
  key: Buffer | null;
  locale: DemoLocale;
  service: Service;
  name: string;
  surname: string;
  email: string | null;
  gender: Gender;
  status: Status;
  createdAt: number;
  /** Last moment the account was used (bookings never go past it, except future ones of active accounts). */
  activeUntil: number;
  lastActiveAt: number | null;
  dormantAt: number | null;
  birthDate: string;
  age: number;
}

interface ChildInfo {
  id: string;
  key: Buffer;
  age: number;
  birthDate: string;
  createdAt: number;
}

interface BookingInfo {
  id: string;
  counselorId: string;
  childIndex: number | null;
  scheduledAt: number;
  endedAt: number | null;
  createdAt: number;
  status: 'booked' | 'completed' | 'cancelled' | 'no_show';
  mode: 'voice' | 'video';
  topic: string;
}

export interface DemoTotals {
  subjects: number;
  rows: Record<string, number>;
  planted: Record<FindingKind, number>;
}

/**
 * Builds the demo population. `plan()` decides who exists (deterministic for the seed and
 * size); `generate(from, to)` produces the rows of units [from, to) into a batch, sealing
 * everything the schema keeps encrypted with the subject's own data key. Units must be
 * generated in order, once each (e-mail and phone numbers are de-duplicated on the way).
 */
export class DemoGenerator {
  readonly units: UnitPlan[];
  private readonly fakers: DemoFakers;
  private readonly counselorPools: Record<string, { id: string; locale: DemoLocale }[]>;
  private readonly usedEmails = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly ref: number;
  private readonly phoneOffset: number;
  readonly totals: DemoTotals;

  constructor(
    private readonly crypto: SubjectCrypto,
    private readonly options: DemoGeneratorOptions,
  ) {
    this.ref = options.referenceDate.getTime();
    this.fakers = createDemoFakers();
    this.units = planUnits(options);
    const planRandom = new DemoRandomizer([options.seed, 0x70686f6e]);
    this.phoneOffset = planRandom.uint32() % 70_000_000;
    this.counselorPools = { 'maumjuui:ko': [], 'maumjuui:en': [], 'shelby:ko': [], 'shelby:en': [] };
    this.units.forEach((unit, index) => {
      if (unit.kind !== 'counselor') return;
      this.counselorPools[`${unit.service}:${unit.locale}`].push({
        id: unitId(options.seed, index),
        locale: unit.locale,
      });
    });
    if (options.fixedPeople) {
      for (const p of DEMO_PEOPLE) {
        this.usedEmails.add(ContactValues.email(p.email)!);
        this.usedPhones.add(ContactValues.phone(p.phone)!);
      }
    }
    this.totals = {
      subjects: 0,
      rows: {},
      planted: {
        recording_without_both_consents: 0,
        phi_without_consent: 0,
        child_without_guardian_consent: 0,
        supervision_sharing_without_consent: 0,
      },
    };
  }

  get unitCount(): number {
    return this.units.length;
  }

  generate(from: number, to: number): DemoBatch {
    const batch = new DemoBatch();
    this.generateInto(batch, from, to);
    return batch;
  }

  generateInto(batch: DemoBatch, from: number, to: number): void {
    for (let u = from; u < Math.min(to, this.units.length); u++) new UnitWriter(this, batch, u).write();
  }

  // ---- used by UnitWriter

  /** @internal */ get ctx() {
    return {
      crypto: this.crypto,
      seed: this.options.seed,
      ref: this.ref,
      fakers: this.fakers,
      pools: this.counselorPools,
      usedEmails: this.usedEmails,
      usedPhones: this.usedPhones,
      phoneOffset: this.phoneOffset,
      totals: this.totals,
    };
  }
}

/** The id of unit `index`'s account holder: the first draw after seeding the unit. */
export function unitId(seed: number, index: number): string {
  return demoUuid(new DemoRandomizer([seed, index]));
}

/** Who exists: counselors first, then DEMO_PEOPLE, then clients and guardians up to `subjects`. */
export function planUnits(options: DemoGeneratorOptions): UnitPlan[] {
  const dice = new Dice(new DemoRandomizer([options.seed, 0x706c616e]));
  const n = options.subjects;
  const fixed = options.fixedPeople ? DEMO_PEOPLE : [];
  const fixedCounselors = fixed.filter((p) => p.kind === 'counselor');
  const fixedOthers = fixed.filter((p) => p.kind !== 'counselor');
  const units: UnitPlan[] = [];
  const counselors = Math.max(4, Math.round(n * 0.03));
  for (let i = 0; i < counselors; i++) {
    const person = fixedCounselors[i];
    if (person) {
      units.push({ kind: 'counselor', service: person.service, locale: person.locale, children: 0, person });
      continue;
    }
    const service: Service = i % 3 === 2 ? 'shelby' : 'maumjuui';
    const locale: DemoLocale = service === 'maumjuui' && i % 10 === 1 ? 'en' : 'ko';
    units.push({ kind: 'counselor', service, locale, children: 0 });
  }
  let count = counselors;
  for (const person of fixedOthers) {
    const children = person.children?.length ?? 0;
    units.push({ kind: person.kind, service: person.service, locale: person.locale, children, person });
    count += 1 + children;
  }
  while (count < n) {
    const remaining = n - count;
    if (remaining === 1 || dice.chance(0.55)) {
      units.push({ kind: 'client', service: 'maumjuui', locale: dice.chance(0.72) ? 'ko' : 'en', children: 0 });
      count += 1;
    } else {
      const children = Math.min(
        dice.weighted([
          [1, 50],
          [2, 35],
          [3, 15],
        ]),
        remaining - 1,
      );
      units.push({ kind: 'guardian', service: 'shelby', locale: dice.chance(0.96) ? 'ko' : 'en', children });
      count += 1 + children;
    }
  }
  return units;
}

type Ctx = DemoGenerator['ctx'];

/** Writes one unit's rows. Every random choice comes from the unit's own seeded faker. */
class UnitWriter {
  private readonly ctx: Ctx;
  private readonly plan: UnitPlan;
  private readonly dice: Dice;
  private readonly f: Faker;
  private readonly fixed?: DemoPerson;

  constructor(
    generator: DemoGenerator,
    private readonly batch: DemoBatch,
    private readonly index: number,
  ) {
    this.ctx = generator.ctx;
    this.plan = generator.units[index];
    this.fixed = this.plan.person;
    this.ctx.fakers.random.seed([this.ctx.seed, index]);
    this.dice = this.ctx.fakers.dice;
    this.f = this.plan.locale === 'ko' ? this.ctx.fakers.ko : this.ctx.fakers.en;
  }

  write(): void {
    const id = this.dice.uuid(); // first draw: unitId(seed, index)
    const person = this.account(id);
    switch (this.plan.kind) {
      case 'counselor':
        this.counselor(person);
        break;
      case 'client':
        this.client(person);
        break;
      case 'guardian':
        this.guardian(person);
        break;
    }
  }

  // ------------------------------------------------------------------ the account holder

  private account(id: string): Person & { row: DemoRow<'subjects'>; phoneE164: string } {
    const { dice, ctx, plan, fixed } = this;
    const gender: Gender =
      fixed?.gender ??
      dice.weighted<Gender>([
        ['female', 56],
        ['male', 41],
        ['other', 1],
        ['undisclosed', 2],
      ]);
    const { name, surname, given } = fixed
      ? { name: fixed.name, surname: fixed.name.slice(0, 1), given: fixed.name.slice(1) }
      : this.personName(gender);
    const age =
      fixed?.age ??
      (plan.kind === 'counselor'
        ? dice.int(29, 62)
        : plan.kind === 'guardian'
          ? dice.int(29, 52)
          : dice.weighted([
              [dice.int(19, 24), 15],
              [dice.int(25, 44), 60],
              [dice.int(45, 64), 25],
            ]));
    const birth = this.birthDate(age);
    const status: Status =
      fixed?.status ??
      dice.weighted<Status>([
        ['active', 95.2],
        ['dormant', 3],
        ['locked', 1.5],
        ['withdrawn', 0.3],
      ]);

    // Timeline, relative to the reference date.
    const ref = ctx.ref;
    let createdAt: number;
    let lastActiveAt: number;
    let dormantAt: number | null = null;
    let lockedAt: number | null = null;
    let withdrawalRequestedAt: number | null = null;
    let withdrawnAt: number | null = null;
    if (status === 'dormant') {
      lastActiveAt = ref - dice.int(fixed ? 400 : 366, fixed ? 400 : 1000) * DAY - dice.int(0, DAY);
      createdAt = lastActiveAt - dice.int(30, 900) * DAY - dice.int(0, DAY);
      dormantAt = startOfDay(lastActiveAt + 365 * DAY) + 3 * HOUR;
    } else {
      createdAt = ref - (fixed ? dice.int(300, 700) : dice.int(20, 1500)) * DAY - dice.int(0, DAY);
      const sinceCreated = ref - createdAt;
      lastActiveAt = ref - Math.min(sinceCreated - HOUR, Math.floor(-Math.log(1 - dice.random.next()) * 12 * DAY));
      if (status === 'locked') {
        lockedAt = ref - dice.int(0, 20) * DAY - dice.int(0, DAY);
        if (lockedAt < createdAt) lockedAt = createdAt + HOUR;
        lastActiveAt = lockedAt - dice.int(1, 30) * MINUTE;
      } else if (status === 'withdrawn') {
        withdrawalRequestedAt = Math.max(createdAt + DAY, ref - dice.int(10, 300) * DAY);
        withdrawnAt = Math.min(ref, withdrawalRequestedAt + dice.int(0, 7) * DAY);
        lastActiveAt = withdrawalRequestedAt;
      }
    }
    if ((fixed || plan.kind === 'counselor') && status === 'active') lastActiveAt = ref - dice.int(HOUR, 3 * DAY);

    const email = fixed?.email ?? this.email(given, surname);
    const phone = fixed?.phone ?? this.phone();
    const emailNorm = ContactValues.email(email);
    const phoneE164 = ContactValues.phone(phone);
    if (!emailNorm || !phoneE164) throw new Error(`demo contact values do not validate: ${email} ${phone}`);
    const dk = ctx.crypto.newDataKey(id);
    this.batch.add('subject_keys', {
      subject_id: id,
      kek_id: dk.kekId,
      wrapped_key: dk.wrapped,
      created_at: iso(createdAt),
    });

    const shelby = plan.service === 'shelby';
    const guardian = plan.kind === 'guardian';
    const row: DemoRow<'subjects'> = {
      id,
      service: plan.service,
      kind: plan.kind,
      status,
      name,
      name_key: ContactValues.nameKey(name),
      nickname: guardian && dice.chance(0.5) ? dice.pick(text.NICKNAMES) : null,
      email_cipher: ctx.crypto.seal(dk.key, Aad.contact(id, 'email'), emailNorm),
      email_index: ctx.crypto.index('email', emailNorm),
      email_mask: Masking.email(emailNorm),
      phone_cipher: ctx.crypto.seal(dk.key, Aad.contact(id, 'phone'), phoneE164),
      phone_index: ctx.crypto.index('phone', phoneE164),
      phone_mask: Masking.phone(phoneE164),
      birth_date: birth,
      gender,
      residence: guardian ? this.residence() : null,
      occupation:
        plan.kind === 'counselor'
          ? dice.pick(text.COUNSELOR_TITLES[plan.locale])
          : guardian
            ? dice.pick(text.OCCUPATIONS[plan.locale])
            : null,
      institution: null,
      // Health information (PIPA Art. 23): sealed under the person's own key, like the notes.
      counseling_interest_cipher: guardian
        ? ctx.crypto.seal(dk.key, Aad.counselingInterest(id), dice.pick(text.GUARDIAN_INTERESTS))
        : null,
      referral_code: shelby && guardian && dice.chance(0.2) ? `SB${dice.digits(6)}` : null,
      guardian_id: null,
      relationship_to_guardian: null,
      locale: plan.locale,
      created_at: iso(createdAt),
      last_active_at: iso(lastActiveAt),
      dormant_at: dormantAt === null ? null : iso(dormantAt),
      locked_at: lockedAt === null ? null : iso(lockedAt),
      failed_sign_ins: status === 'locked' ? 5 : dice.chance(0.1) ? dice.int(1, 2) : 0,
      withdrawal_requested_at: withdrawalRequestedAt === null ? null : iso(withdrawalRequestedAt),
      withdrawn_at: withdrawnAt === null ? null : iso(withdrawnAt),
      updated_at: iso(Math.max(createdAt, lastActiveAt, dormantAt ?? 0, lockedAt ?? 0, withdrawnAt ?? 0)),
    };
    const person = {
      id,
      key: dk.key,
      locale: plan.locale,
      service: plan.service,
      name,
      surname,
      email: emailNorm,
      gender,
      status,
      createdAt,
      activeUntil: lastActiveAt,
      lastActiveAt,
      dormantAt,
      birthDate: birth,
      age,
      row,
      phoneE164,
    };
    this.signUpConsents(person);
    this.socialLinks(person, given);
    this.devices(person);
    return person;
  }

  private commitSubject(row: DemoRow<'subjects'>): void {
    this.batch.add('subjects', row);
    this.ctx.totals.subjects += 1;
  }

  private personName(gender: Gender): { name: string; surname: string; given: string } {
    const { f, dice, plan } = this;
    const sex = gender === 'female' || gender === 'male' ? gender : dice.chance(0.5) ? 'female' : 'male';
    if (plan.locale === 'ko') {
      const surname = dice.weighted(text.KOREAN_SURNAMES);
      const given = f.person.firstName(sex);
      return { name: surname + given, surname, given };
    }
    const given = f.person.firstName(sex);
    const surname = f.person.lastName();
    return { name: `${given} ${surname}`, surname, given };
  }

  /** A birth date that makes the person `age` on the reference date (counted by the calendar). */
  private birthDate(age: number): string {
    const latest = addCalendarYears(isoDate(this.ctx.ref), -age);
    return addCalendarDays(latest, -this.dice.int(0, 364));
  }

  private residence(): string {
    if (this.plan.locale === 'ko') return this.dice.pick(text.KOREAN_RESIDENCES);
    return `${this.f.location.city()}, ${this.f.location.state({ abbreviated: true })}`;
  }

  private email(given: string, surname: string): string {
    const { dice, plan, ctx } = this;
    const first = (plan.locale === 'ko' ? romanize(given) : given).toLowerCase().replace(/[^a-z]/g, '') || 'user';
    const last = (plan.locale === 'ko' ? romanizeSurname(surname) : surname).toLowerCase().replace(/[^a-z]/g, '');
    const domain = dice.weighted([
      ['example.com', 50],
      ['example.net', 30],
      ['example.org', 20],
    ]);
    const local = dice.weighted([
      [`${first}.${last}`, 35],
      [`${last}.${first}`, 15],
      [`${first}${last}${dice.int(70, 99)}`, 20],
      [`${first[0] ?? 'x'}${last}${dice.digits(2)}`, 15],
      [`${first}_${dice.digits(4)}`, 15],
    ]);
    let candidate = `${local}@${domain}`;
    while (ctx.usedEmails.has(candidate)) candidate = `${local}${dice.digits(3)}@${domain}`;
    ctx.usedEmails.add(candidate);
    return candidate;
  }

  /** Korean mobile numbers are a permutation of the unit index (unique); others are drawn. */
  private phone(): string {
    const { dice, plan, ctx } = this;
    if (plan.locale === 'ko' || dice.chance(0.4)) {
      let n = (((this.index + 1) * 48271 + ctx.phoneOffset) % 70_000_000) + 30_000_000;
      let phone = `+8210${n}`;
      // 010-5970…5999 are not allocated (libphonenumber rejects them).
      while (ctx.usedPhones.has(phone) || (n >= 59_700_000 && n < 60_000_000)) {
        n = dice.int(30_000_000, 99_999_999);
        phone = `+8210${n}`;
      }
      ctx.usedPhones.add(phone);
      const s = String(n);
      return `010-${s.slice(0, 4)}-${s.slice(4)}`;
    }
    for (;;) {
      const area = dice.pick(text.US_AREA_CODES);
      const line = dice.digits(4);
      const e164 = `+1${area}555${line}`;
      if (ctx.usedPhones.has(e164)) continue;
      ctx.usedPhones.add(e164);
      return `+1 ${area}-555-${line}`;
    }
  }

  // ------------------------------------------------------------------ kinds of account

  private counselor(p: Person & { row: DemoRow<'subjects'> }): void {
    const { dice, plan, fixed } = this;
    const institutional = fixed?.institutional ?? dice.chance(plan.service === 'maumjuui' ? 0.45 : 0.3);
    if (institutional) {
      p.row.institution = dice.pick(text.INSTITUTIONS[plan.locale]);
      this.financialProfile(p);
    }
    this.commitSubject(p.row);
    // Counselors consent to recording when they join (each recording also carries their consent).
    this.consent(p, 'recording', false, true, p.createdAt + 10 * MINUTE);
    if (plan.service === 'maumjuui') {
      this.consent(p, 'supervision_disclosure', false, dice.chance(0.7), p.createdAt + 11 * MINUTE);
      if (fixed || dice.chance(0.7)) this.calendarLink(p);
    }
  }

  private client(p: Person & { row: DemoRow<'subjects'> }): void {
    const { dice, plan, fixed } = this;
    if (dice.chance(0.15)) p.row.institution = dice.pick(text.CLIENT_INSTITUTIONS[plan.locale]);
    const topic = dice.pick(text.MAUMJUUI_TOPICS[plan.locale]);
    p.row.counseling_interest_cipher = this.ctx.crypto.seal(p.key!, Aad.counselingInterest(p.id), topic);
    this.commitSubject(p.row);
    if (dice.chance(0.05)) this.calendarLink(p);

    const wanted = fixed?.notes
      ? dice.int(5, 9)
      : fixed
        ? dice.int(1, 3)
        : dice.chance(0.15)
          ? 0
          : Math.min(14, 1 + Math.floor(-Math.log(1 - dice.random.next()) * 3.5));
    const bookings = this.bookings(p, wanted, () => ({
      topic: dice.chance(0.8) ? topic : dice.pick(text.MAUMJUUI_TOPICS[plan.locale]),
      childIndex: null,
    }));
    const completed = bookings.filter((b) => b.status === 'completed');

    // Counseling records under the client's key.
    const courseEnded = completed.length > 0 && p.activeUntil - completed[completed.length - 1].scheduledAt > 60 * DAY;
    const endedAt = courseEnded ? completed[completed.length - 1].endedAt : null;
    completed.forEach((b, i) => {
      if (!fixed?.notes && !dice.chance(0.85)) return;
      const psychotherapy = fixed?.notes ? i % 3 === 1 : dice.chance(0.2);
      this.record(p, b, 'session_note', psychotherapy, endedAt, {
        notes: text.sessionNote(dice, plan.locale, i + 1, psychotherapy),
      });
    });
    if (completed.length >= 3 && (courseEnded || fixed?.notes)) {
      const last = completed[completed.length - 1];
      this.record(p, last, 'result', false, endedAt, {
        result: text.adultResult(plan.locale, completed.length, topic),
      });
    }

    // PHI / sensitive data, with (or, planted, without) the separate PHI consent.
    const hasSensitive = fixed ? fixed.phi !== undefined : completed.length > 0 && dice.chance(0.45);
    const hasRecords = completed.length > 0;
    if ((hasSensitive || hasRecords) && bookings.length > 0) {
      const first = bookings[0];
      const askedAt = Math.max(p.createdAt + MINUTE, first.createdAt - HOUR);
      const plantMissing = fixed ? fixed.phi === 'none' : hasSensitive && dice.chance(PLANT.phiWithoutConsent);
      if (plantMissing) {
        // Either never asked, refused, or withdrawn later: all leave PHI without a valid consent.
        const how = fixed ? 'absent' : dice.pick(['absent', 'refused', 'withdrawn'] as const);
        if (how === 'refused') this.consent(p, 'phi', false, false, askedAt);
        if (how === 'withdrawn') {
          const withdrawn = Math.min(
            p.activeUntil,
            (completed[0]?.scheduledAt ?? first.createdAt) + dice.int(1, 30) * DAY,
          );
          this.consent(p, 'phi', false, true, askedAt, null, withdrawn);
        }
        if (hasSensitive) this.ctx.totals.planted.phi_without_consent += 1;
      } else {
        this.consent(p, 'phi', false, true, askedAt);
      }
      if (hasSensitive) {
        const at = completed[0]?.endedAt ?? first.createdAt;
        const categories = dice.sample<SensitiveCategory>(
          [
            'health',
            'medication',
            'health',
            'medication',
            'beliefs',
            'political',
            'sexual_life',
            'genetic',
            'criminal',
          ],
          fixed ? 2 : dice.int(1, 2),
        );
        for (const category of new Set(categories)) this.sensitive(p, p.key!, category, at + dice.int(0, 3) * DAY);
      }
    }

    this.recordings(p, completed, fixed?.recording, dice.chance(0.25) ? 0.4 : 0);
    this.reviewsAndPayments(p, bookings, 0.08);
  }

  private guardian(p: Person & { row: DemoRow<'subjects'> }): void {
    const { dice, plan, fixed } = this;
    this.commitSubject(p.row);
    this.consent(p, 'third_party_provision', true, true, p.createdAt + 2 * MINUTE);
    if (p.row.nickname !== null || p.row.referral_code !== null) {
      this.consent(p, 'privacy_optional', false, true, p.createdAt + 2 * MINUTE);
    }

    const children: ChildInfo[] = [];
    const specs: (DemoChildSpec | undefined)[] =
      fixed?.children ?? Array.from({ length: plan.children }, () => undefined);
    for (const spec of specs) children.push(this.child(p, spec));

    const topics = children.map(() => dice.pick(text.SHELBY_TOPICS));
    const wanted = fixed ? dice.int(3, 5) : dice.int(1, 6);
    const bookings = this.bookings(p, wanted, () => {
      const childIndex = dice.int(0, children.length - 1);
      return { topic: plan.locale === 'ko' ? topics[childIndex] : dice.pick(text.SHELBY_TOPICS_EN), childIndex };
    });
    const childOf = (b: BookingInfo) => (b.childIndex === null ? null : children[b.childIndex]);
    for (const b of bookings) {
      if (b.status !== 'completed') continue;
      const child = childOf(b)!;
      const when = isoDate(b.scheduledAt);
      const childAge = Math.max(1, wholeYearsBetween(child.birthDate, when));
      if (fixed || dice.chance(0.95)) {
        this.record(
          p,
          b,
          'result',
          false,
          null,
          {
            result: text.counselingResult(dice, plan.locale, when, b.mode, b.topic, childAge),
          },
          child,
        );
      }
      if (dice.chance(0.5))
        this.record(p, b, 'expert_opinion', false, null, text.expertOpinion(dice, plan.locale), child);
    }
    const completed = bookings.filter((b) => b.status === 'completed');
    this.recordings(p, completed, undefined, 0.03);
    this.reviewsAndPayments(p, bookings, 0.35, children);
  }

  private child(g: Person, spec?: DemoChildSpec): ChildInfo {
    const { dice, plan, ctx } = this;
    const gender = spec?.gender ?? (dice.chance(0.5) ? 'female' : 'male');
    let name: string;
    if (spec) name = spec.name;
    else if (plan.locale === 'ko') {
      const surname = dice.chance(0.7) ? g.surname : dice.weighted(text.KOREAN_SURNAMES);
      name = surname + this.f.person.firstName(gender);
    } else name = `${this.f.person.firstName(gender)} ${g.surname}`;
    const age =
      spec?.age ??
      dice.weighted([
        [dice.int(3, 13), 70],
        [dice.int(14, 17), 30],
      ]);
    const id = dice.uuid();
    const dk = ctx.crypto.newDataKey(id);
    const createdAt = Math.min(g.activeUntil - HOUR, g.createdAt + dice.int(0, 120) * DAY + dice.int(0, DAY));
    const relationship =
      plan.locale === 'ko'
        ? g.gender === 'female'
          ? dice.weighted([
              ['모', 95],
              ['조모', 4],
              ['법정대리인', 1],
            ])
          : dice.weighted([
              ['부', 95],
              ['조부', 4],
              ['법정대리인', 1],
            ])
        : g.gender === 'female'
          ? 'mother'
          : 'father';
    this.batch.add('subject_keys', {
      subject_id: id,
      kek_id: dk.kekId,
      wrapped_key: dk.wrapped,
      created_at: iso(createdAt),
    });
    const birthDate = this.birthDate(age);
    this.commitSubject({
      id,
      service: 'shelby',
      kind: 'child',
      // A child never signs in: separated (dormant) or withdrawn with the guardian, never locked.
      status: g.status === 'locked' ? 'active' : g.status,
      name,
      name_key: ContactValues.nameKey(name),
      nickname: null,
      email_cipher: null,
      email_index: null,
      email_mask: null,
      phone_cipher: null,
      phone_index: null,
      phone_mask: null,
      birth_date: birthDate,
      gender,
      residence: null,
      occupation: null,
      institution: null,
      counseling_interest_cipher: ctx.crypto.seal(dk.key, Aad.counselingInterest(id), dice.pick(text.CHILD_CONCERNS)),
      referral_code: null,
      guardian_id: g.id,
      relationship_to_guardian: relationship,
      locale: plan.locale,
      created_at: iso(createdAt),
      last_active_at: null,
      dormant_at: g.dormantAt === null ? null : iso(g.dormantAt),
      locked_at: null,
      failed_sign_ins: 0,
      withdrawal_requested_at: null,
      withdrawn_at: null,
      updated_at: iso(Math.max(createdAt, g.dormantAt ?? 0)),
    });
    const childPerson = { ...g, id, key: dk.key, createdAt };

    // The guardian consents for the child (Shelby, Art. 6); planted: a child under 14 without it.
    const under14 = age < 14;
    const consented = spec
      ? spec.guardianConsent
      : !(under14 && dice.chance(PLANT.childWithoutGuardianConsent)) && (under14 || dice.chance(0.9));
    if (consented) this.consent(childPerson, 'guardian_for_child', true, true, createdAt, g.id);
    else if (under14 && g.status !== 'withdrawn') ctx.totals.planted.child_without_guardian_consent += 1;
    if (dice.chance(0.5)) {
      this.consent(childPerson, 'sensitive_data', false, true, createdAt + MINUTE, g.id);
      this.sensitive(childPerson, dk.key, 'development', createdAt + dice.int(0, 30) * DAY);
    }
    return { id, key: dk.key, age, birthDate, createdAt };
  }

  // ------------------------------------------------------------------ rows shared by kinds

  private consent(
    p: Pick<Person, 'id' | 'service' | 'createdAt'>,
    purpose: string,
    required: boolean,
    granted: boolean,
    recordedAt: number,
    givenBy: string | null = null,
    withdrawnAt: number | null = null,
  ): void {
    const [current, previous] = VERSIONS[p.service][purpose] ?? ['1.0', '1.0'];
    this.batch.add('subject_consents', {
      id: this.dice.uuid(),
      subject_id: p.id,
      purpose,
      required,
      granted,
      version: this.ctx.ref - p.createdAt > VERSION_CUTOFF_DAYS * DAY ? previous : current,
      given_by: givenBy,
      recorded_at: iso(recordedAt),
      withdrawn_at: withdrawnAt === null ? null : iso(withdrawnAt),
    });
  }

  private signUpConsents(p: Person): void {
    const { dice } = this;
    const at = p.createdAt + dice.int(5, 90) * 1000;
    this.consent(p, 'terms', true, true, at);
    this.consent(p, 'privacy_required', true, true, at);
    if (p.service === 'maumjuui') {
      this.consent(p, 'overseas_transfer', true, true, at);
      this.consent(p, 'privacy_optional', false, dice.chance(0.6), at);
    }
    const marketing = dice.chance(p.service === 'maumjuui' ? 0.35 : 0.4);
    const withdrawn = marketing && dice.chance(0.15) ? Math.min(p.activeUntil, at + dice.int(10, 400) * DAY) : null;
    this.consent(p, 'marketing', false, marketing, at, null, withdrawn);
  }

  private socialLinks(p: Person, given: string): void {
    const { dice, plan } = this;
    const count = dice.weighted([
      [0, 35],
      [1, 50],
      [2, 15],
    ]);
    const providers =
      plan.locale === 'ko'
        ? dice.sample(['kakao', 'kakao', 'naver', 'google'], 3)
        : dice.sample(['google', 'google', 'google', 'kakao'], 3);
    for (const provider of [...new Set(providers)].slice(0, count)) {
      const linkedAt = p.createdAt + dice.int(0, 60) * DAY;
      if (linkedAt > p.activeUntil) continue;
      const local = p.email!.split('@')[0];
      this.batch.add('subject_social_links', {
        id: dice.uuid(),
        subject_id: p.id,
        provider,
        provider_nickname: plan.locale === 'ko' && dice.chance(0.5) ? dice.pick(text.NICKNAMES) : given,
        email_mask: Masking.email(`${local}@${provider}.example`),
        has_profile_photo: dice.chance(0.55),
        linked_at: iso(linkedAt),
        unlinked_at: dice.chance(0.05) ? iso(Math.min(p.activeUntil, linkedAt + dice.int(1, 200) * DAY)) : null,
      });
    }
  }

  private devices(p: Person): void {
    const { dice, plan, f } = this;
    const count = dice.weighted([
      [1, 55],
      [2, 35],
      [3, 10],
    ]);
    for (let i = 0; i < count; i++) {
      const [model, os] = dice.pick(text.DEVICE_MODELS);
      const mobile = !model.includes(' on ');
      const firstSeen = p.createdAt + dice.int(0, 120) * DAY;
      if (firstSeen > p.activeUntil) continue;
      const lastSeen =
        i === 0 ? p.activeUntil : firstSeen + Math.floor((p.activeUntil - firstSeen) * dice.random.next());
      const place =
        plan.locale === 'ko' || dice.chance(0.3)
          ? { city: dice.pick(text.KOREAN_RESIDENCES).split(' ')[1], country: 'KR', tz: 'Asia/Seoul' }
          : (([city, tz]) => ({ city, country: 'US', tz }))(dice.pick(text.US_PLACES));
      this.batch.add('subject_devices', {
        id: dice.uuid(),
        subject_id: p.id,
        model,
        os,
        app_version: mobile ? `3.${dice.int(0, 9)}.${dice.int(0, 5)}` : null,
        ip:
          place.country === 'KR'
            ? `${dice.pick(['211', '175', '121', '218', '112', '59'])}.${dice.int(0, 255)}.${dice.int(0, 255)}.${dice.int(1, 254)}`
            : f.internet.ipv4(),
        carrier: mobile ? dice.pick(text.CARRIERS[place.country === 'KR' ? 'ko' : 'en']) : null,
        city: place.city,
        country: place.country,
        time_zone: place.tz,
        advertising_id_mask: mobile ? Masking.tail(dice.uuid()) : null,
        first_seen_at: iso(firstSeen),
        last_seen_at: iso(lastSeen),
      });
    }
  }

  private calendarLink(p: Person): void {
    const { dice } = this;
    const linkedAt = Math.min(p.activeUntil, p.createdAt + dice.int(0, 30) * DAY);
    const unlinked = dice.chance(0.05);
    this.batch.add('subject_calendar_links', {
      id: dice.uuid(),
      subject_id: p.id,
      provider: 'google',
      account_email_mask: Masking.email(p.email!),
      events_synced: dice.int(5, 900),
      linked_at: iso(linkedAt),
      last_synced_at: iso(Math.max(linkedAt, p.activeUntil - dice.int(0, 2 * HOUR))),
      unlinked_at: unlinked ? iso(p.activeUntil) : null,
    });
  }

  private financialProfile(p: Person & { row: DemoRow<'subjects'> }): void {
    const { dice, plan, ctx } = this;
    const ko = plan.locale === 'ko';
    const account = ko ? `${dice.digits(3)}-${dice.digits(3)}-${dice.digits(6)}` : dice.digits(10);
    const born = p.birthDate;
    const taxId = ko
      ? `${born.slice(2, 4)}${born.slice(5, 7)}${born.slice(8, 10)}-${(Number(born.slice(0, 4)) >= 2000 ? 3 : 1) + (p.gender === 'female' ? 1 : 0)}${dice.digits(6)}`
      : `9${dice.digits(2)}-7${dice.digits(1)}-${dice.digits(4)}`;
    this.batch.add('subject_financial_profiles', {
      subject_id: p.id,
      bank_name: dice.pick(ko ? text.BANKS : text.BANKS_EN),
      account_cipher: ctx.crypto.seal(p.key!, Aad.financial(p.id, 'account'), account),
      account_mask: Masking.tail(account),
      depositor_mask: Masking.name(p.name),
      tax_id_cipher: ctx.crypto.seal(p.key!, Aad.financial(p.id, 'tax_id'), taxId),
      tax_id_mask: Masking.tail(taxId),
      updated_at: iso(p.createdAt + dice.int(1, 30) * DAY),
    });
  }

  /** Up to `wanted` bookings, weekly-ish from sign-up, none after the account went quiet. */
  private bookings(
    p: Person,
    wanted: number,
    about: () => { topic: string; childIndex: number | null },
  ): BookingInfo[] {
    const { dice, plan, ctx } = this;
    const out: BookingInfo[] = [];
    if (wanted === 0) return out;
    const pool =
      ctx.pools[`${plan.service}:${plan.locale}`].length > 0
        ? ctx.pools[`${plan.service}:${plan.locale}`]
        : ctx.pools[`${plan.service}:ko`];
    const primary = dice.pick(pool).id;
    let day = startOfDay(p.createdAt) + dice.int(1, 45) * DAY;
    for (let i = 0; i < wanted; i++) {
      let scheduledAt = day + dice.int(0, 12) * HOUR; // 09:00–21:00 KST
      let status: BookingInfo['status'];
      if (scheduledAt > p.activeUntil) {
        // Only an active account has sessions ahead of it (at most one).
        if (p.status !== 'active' || out.some((b) => b.status === 'booked') || !dice.chance(0.35)) break;
        scheduledAt = startOfDay(ctx.ref) + dice.int(1, 21) * DAY + dice.int(0, 12) * HOUR;
        status = 'booked';
      } else if (this.fixed) {
        status = 'completed';
      } else {
        status = dice.weighted([
          ['completed', 82],
          ['cancelled', 11],
          ['no_show', 7],
        ]);
      }
      const { topic, childIndex } = about();
      const mode = dice.chance(plan.service === 'maumjuui' ? 0.75 : 0.55) ? 'video' : 'voice';
      const createdAt = Math.max(p.createdAt + MINUTE, scheduledAt - dice.int(1, 14) * DAY - dice.int(0, DAY));
      const booking: BookingInfo = {
        id: dice.uuid(),
        counselorId: dice.chance(0.85) ? primary : dice.pick(pool).id,
        childIndex,
        scheduledAt,
        endedAt: status === 'completed' ? scheduledAt + dice.int(45, 60) * MINUTE : null,
        createdAt: Math.min(createdAt, scheduledAt - HOUR),
        status,
        mode,
        topic,
      };
      out.push(booking);
      if (status === 'booked') break;
      day += dice.int(6, 16) * DAY;
    }
    return out;
  }

  private writeBookings(p: Person, bookings: BookingInfo[], children: ChildInfo[]): void {
    for (const b of bookings) {
      const child = b.childIndex === null ? null : children[b.childIndex];
      this.batch.add('subject_bookings', {
        id: b.id,
        client_id: p.id,
        counselor_id: b.counselorId,
        child_id: child?.id ?? null,
        scheduled_at: iso(b.scheduledAt),
        mode: b.mode,
        // A topic is health information: sealed under the client's key, or the child's when it is
        // about a child (Shelby), so that erasing the child alone shreds it.
        topic_cipher: this.ctx.crypto.seal(child?.key ?? p.key!, Aad.bookingTopic(b.id), b.topic),
        topic_sealed_under: child?.id ?? null,
        status: b.status,
        ended_at: b.endedAt === null ? null : iso(b.endedAt),
        meeting_provider: p.service === 'maumjuui' ? 'zoom' : 'in_house',
        created_at: iso(b.createdAt),
      });
    }
  }

  private record(
    p: Person,
    b: BookingInfo,
    kind: 'session_note' | 'result' | 'expert_opinion',
    psychotherapy: boolean,
    counselingEndedAt: number | null,
    content: { notes?: string; result?: string; opinion?: string; recommendations?: string },
    child: ChildInfo | null = null,
  ): void {
    const id = this.dice.uuid();
    this.batch.add('subject_counseling_records', {
      id,
      subject_id: p.id,
      booking_id: b.id,
      counselor_id: b.counselorId,
      child_id: child?.id ?? null,
      kind,
      psychotherapy_notes: psychotherapy,
      session_at: iso(b.scheduledAt),
      counseling_ended_at: counselingEndedAt === null ? null : iso(counselingEndedAt),
      // A record about a child is sealed under the child's own key (erasing the child alone shreds it).
      content_cipher: this.ctx.crypto.seal(child?.key ?? p.key!, Aad.record(id), JSON.stringify(content)),
      sealed_under: child?.id ?? null,
      created_at: iso((b.endedAt ?? b.scheduledAt) + this.dice.int(10, 180) * MINUTE),
    });
  }

  private sensitive(p: Pick<Person, 'id' | 'locale'>, key: Buffer, category: SensitiveCategory, at: number): void {
    const id = this.dice.uuid();
    this.batch.add('subject_sensitive_data', {
      id,
      subject_id: p.id,
      category,
      content_cipher: this.ctx.crypto.seal(key, Aad.sensitive(id), text.sensitiveText(this.dice, p.locale, category)),
      recorded_at: iso(Math.min(at, this.ctx.ref)),
    });
  }

  /**
   * Session recordings with both parties' consent and, sometimes, the separate supervision
   * consent; planted: one without the counselor's consent, one shared without the supervision
   * consent.
   */
  private recordings(p: Person, completed: BookingInfo[], forced: PlantedRecording | undefined, share: number): void {
    const { dice, ctx } = this;
    let recorded = false;
    let supervisionConsentAt: number | null = null;
    // A client whose recording went to a supervisor without consent has no supervision consent at all.
    let sharingToPlant =
      forced === 'shared_without_consent' ||
      (forced === undefined && dice.chance(PLANT.supervisionSharingWithoutConsent));
    const mayConsentToSupervision = !sharingToPlant;
    completed.forEach((b, i) => {
      const isForced = forced !== undefined && i === completed.length - 1;
      if (!isForced && !dice.chance(share)) return;
      let plant: PlantedRecording = isForced
        ? forced
        : dice.chance(PLANT.recordingWithoutCounselorConsent)
          ? 'no_counselor_consent'
          : 'consented';
      if (plant === 'consented' && sharingToPlant && forced === undefined) plant = 'shared_without_consent';
      if (plant === 'shared_without_consent') sharingToPlant = false;
      const consentAt = b.createdAt + dice.int(1, 60) * MINUTE;
      const supervised = plant === 'consented' && mayConsentToSupervision && dice.chance(0.35);
      const sharedAt =
        plant === 'shared_without_consent' || (supervised && dice.chance(0.6))
          ? Math.min(ctx.ref - HOUR, b.scheduledAt + dice.int(1, 20) * DAY)
          : null;
      const deletedAt = plant === 'consented' && dice.chance(0.1) ? b.scheduledAt + dice.int(90, 365) * DAY : null;
      this.batch.add('subject_recordings', {
        id: dice.uuid(),
        subject_id: p.id,
        booking_id: b.id,
        counselor_id: b.counselorId,
        media: b.mode === 'video' && dice.chance(0.8) ? 'video' : 'audio',
        recorded_at: iso(b.scheduledAt + dice.int(0, 3) * MINUTE),
        duration_seconds: dice.int(2400, 3300),
        client_consent_at: iso(consentAt),
        counselor_consent_at: plant === 'no_counselor_consent' ? null : iso(consentAt + dice.int(1, 600) * 1000),
        supervision_consent_at: supervised ? iso(consentAt + MINUTE) : null,
        shared_with_supervisor_at: sharedAt === null ? null : iso(sharedAt),
        deleted_at: deletedAt !== null && deletedAt < ctx.ref ? iso(deletedAt) : null,
      });
      if (plant === 'no_counselor_consent') ctx.totals.planted.recording_without_both_consents += 1;
      if (plant === 'shared_without_consent') ctx.totals.planted.supervision_sharing_without_consent += 1;
      if (!recorded) this.consent(p, 'recording', false, true, consentAt);
      recorded = true;
      if (supervised && supervisionConsentAt === null) supervisionConsentAt = consentAt + MINUTE;
    });
    if (supervisionConsentAt !== null) this.consent(p, 'supervision_disclosure', false, true, supervisionConsentAt);
  }

  private reviewsAndPayments(
    p: Person,
    bookings: BookingInfo[],
    reviewShare: number,
    children: ChildInfo[] = [],
  ): void {
    const { dice, plan } = this;
    this.writeBookings(p, bookings, children);
    const krw = plan.locale === 'ko';
    for (const b of bookings) {
      if (b.status === 'completed' && dice.chance(reviewShare)) {
        const rating = dice.weighted([
          [5, 55],
          [4, 28],
          [3, 10],
          [2, 4],
          [1, 3],
        ]);
        this.batch.add('subject_reviews', {
          id: dice.uuid(),
          subject_id: p.id,
          booking_id: b.id,
          counselor_id: b.counselorId,
          rating,
          body: text.reviewText(dice, plan.locale, rating),
          published: dice.chance(0.92),
          created_at: iso(Math.min(p.activeUntil, b.endedAt! + dice.int(1, 72) * HOUR)),
        });
      }
      const pays =
        b.status === 'completed' || b.status === 'no_show'
          ? 'paid'
          : b.status === 'cancelled'
            ? dice.chance(0.7)
              ? 'refunded'
              : null
            : dice.chance(0.75)
              ? 'paid'
              : null;
      if (pays === null) continue;
      const amount = krw
        ? (p.service === 'maumjuui' ? dice.int(6, 12) * 10_000 : dice.int(8, 16) * 5_000).toFixed(2)
        : (dice.int(14, 30) * 5).toFixed(2);
      const method = dice.weighted<'card' | 'easy_pay' | 'bank_transfer'>([
        ['card', 70],
        ['easy_pay', 22],
        ['bank_transfer', 8],
      ]);
      const gateway =
        method === 'easy_pay'
          ? krw
            ? dice.pick(['kakaopay', 'naverpay', 'tosspay'])
            : 'paypal'
          : krw
            ? dice.pick(['tosspayments', 'kg-inicis', 'nhn-kcp', 'nicepay'])
            : 'stripe';
      const paidAt = b.createdAt + dice.int(0, 30) * MINUTE;
      const payment = (status: 'paid' | 'refunded' | 'failed', at: number) =>
        this.batch.add('subject_payments', {
          id: dice.uuid(),
          subject_id: p.id,
          booking_id: b.id,
          amount,
          currency: krw ? 'KRW' : 'USD',
          method,
          gateway,
          card_mask: method === 'card' ? Masking.tail(`${dice.pick(['4', '5', '9'])}${dice.digits(15)}`) : null,
          status,
          paid_at: iso(at),
        });
      if (dice.chance(0.02)) payment('failed', paidAt - 2 * MINUTE);
      payment(pays === 'paid' && dice.chance(0.02) ? 'refunded' : pays, paidAt);
    }
  }
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefixes = new Map<number, string>();

/** Date#toISOString, about twice as fast (millions of timestamps at 100,000 subjects). */
function iso(ms: number): string {
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  let rest = t - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const sec = Math.floor(rest / 1000);
  return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[sec]}.${PAD3[rest - sec * 1000]}Z`;
}

function isoDate(ms: number): string {
  return utcDateOf(new Date(ms));
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
