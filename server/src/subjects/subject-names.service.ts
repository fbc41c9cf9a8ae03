import { Injectable } from '@nestjs/common';
import { localDateOf } from '../calendar/local-date';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { ContactValues } from './contact-values';
import { SubjectCrypto } from './crypto/subject-crypto';
import { Masking } from './masking';
import { SubjectKind, SubjectService, SubjectsRepository } from './subjects.repository';

export interface MaskedSubjectName {
  id: string;
  /** Always masked (홍**, J*** S****): this service never reveals. */
  maskedName: string;
  kind: SubjectKind;
  service: SubjectService;
}

/** A person offered by a picker: the masked name and what tells two 김** apart, nothing revealed. */
export interface SubjectPick extends MaskedSubjectName {
  age: number | null;
  /** 010-****-2982: the last digits only. */
  phone: string | null;
}

/** How a picker's text was read: a phone number (exact, by blind index) or the start of a name. */
export type PickQueryKind = 'phone' | 'name';

/**
 * Masked names of people, for screens that list events about them (the access log) and for
 * pickers. The caller checks the role and records the read; nothing here reveals a value.
 */
@Injectable()
export class SubjectNamesService {
  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly crypto: SubjectCrypto,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async maskedNames(ids: string[]): Promise<MaskedSubjectName[]> {
    if (ids.length === 0) return [];
    const rows = await this.subjects.namesByIds(ids);
    return rows.map((r) => ({ id: r.id, maskedName: maskedNameOf(r), kind: r.kind, service: r.service }));
  }

  /**
   * Masked names with the masked contact kept beside the ciphertexts (e-mail, else phone), for
   * lists of people such as an incident's affected people. Nothing is decrypted.
   */
  async maskedContacts(ids: string[]): Promise<(MaskedSubjectName & { maskedContact: string | null })[]> {
    if (ids.length === 0) return [];
    const rows = await this.subjects.namesByIds(ids);
    return rows.map((r) => ({
      id: r.id,
      maskedName: maskedNameOf(r),
      kind: r.kind,
      service: r.service,
      maskedContact: r.emailMask ?? r.phoneMask,
    }));
  }

  /**
   * People whose name starts with the text, or whose phone number it is. With `inAccessLog`, only
   * people the access log names. The text itself is never returned or stored.
   */
  async pick(text: string, inAccessLog: boolean, limit: number): Promise<{ by: PickQueryKind; rows: SubjectPick[] }> {
    // A phone number is exact (blind index); anything else is the start of a name.
    const phone = /^[+\d][\d\s-]{6,}$/.test(text) ? ContactValues.phone(text) : null;
    const rows = await this.subjects.pickerSearch({
      ...(phone !== null
        ? { phoneIndex: this.crypto.index('phone', phone) }
        : { namePrefix: ContactValues.nameKey(text) }),
      inAccessLog,
      limit,
    });
    const today = localDateOf(this.clock.now(), this.config.orgTimeZone);
    return {
      by: phone !== null ? 'phone' : 'name',
      rows: rows.map((r) => ({
        id: r.id,
        maskedName: Masking.name(r.name),
        kind: r.kind,
        service: r.service,
        age: r.birthDate ? Masking.age(r.birthDate, today) : null,
        phone: r.phoneMask,
      })),
    };
  }
}

/** A separated person's name is in the dormant store, which names never read: a placeholder stands for it. */
function maskedNameOf(row: { name: string | null; separated: boolean }): string {
  return row.separated ? Masking.SEPARATED : Masking.name(row.name);
}
