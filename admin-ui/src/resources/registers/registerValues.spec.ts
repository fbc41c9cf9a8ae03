/// <reference types="jest" />
import { registersEn } from '../../i18n/registers.en';
import { registersKo } from '../../i18n/registers.ko';
import { formErrors, formPath } from './registerProblems';
import { PROCESSORS, WRITABLE_FIELDS } from './registerResources';
import { cleanRetention, parsePeriod, pickText, registerWriteBody } from './registerValues';

/** "a.b.c" for every leaf string of a nested messages object. */
const keysOf = (messages: object, prefix = ''): string[] =>
  Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );

describe('register messages', () => {
  it('has the same keys in Korean and English', () => {
    expect(keysOf(registersKo).sort()).toEqual(keysOf(registersEn).sort());
  });

  it('writes the Korean texts in Korean', () => {
    const hangul = /[\uac00-\ud7a3]/;
    const get = (key: string): string =>
      String(
        key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], registersKo as unknown),
      );
    // Resource names such as 'registers/processors' hold no dot, so splitting keys on '.' is safe.
    expect(keysOf(registersKo).filter((key) => !hangul.test(get(key)))).toEqual([]);
  });
});

describe('parsePeriod', () => {
  it.each([
    ['P3Y', [{ unit: 'Y', count: 3 }]],
    ['p6m', [{ unit: 'M', count: 6 }]],
    [
      'P1Y6M',
      [
        { unit: 'Y', count: 1 },
        { unit: 'M', count: 6 },
      ],
    ],
    ['P30D', [{ unit: 'D', count: 30 }]],
    ['P2W', [{ unit: 'W', count: 2 }]],
  ])('reads %s', (value, parts) => {
    expect(parsePeriod(value)).toEqual(parts);
  });

  it.each(['', '3 years', 'P', 'PT5H', 'P0D', 'P3Y5'])('refuses %j', (value) => {
    expect(parsePeriod(value)).toBeNull();
  });
});

describe('cleanRetention', () => {
  it('keeps only the keys the kind allows and drops empty wording', () => {
    expect(
      cleanRetention({
        kind: 'until_withdrawal',
        period: 'P3Y',
        after: 'collection',
        law: 'x',
        text: { ko: '', en: ' ' },
      }),
    ).toEqual({ kind: 'until_withdrawal' });
    expect(
      cleanRetention({ kind: 'statutory', period: 'p5y', law: ' 전자상거래법 ', text: { ko: '5년', en: '' } }),
    ).toEqual({ kind: 'statutory', period: 'P5Y', law: '전자상거래법', text: { ko: '5년', en: '' } });
  });

  it('cleans each rule of an "either" without wording of its own', () => {
    expect(
      cleanRetention({
        kind: 'either',
        options: [
          { kind: 'until_withdrawal', period: 'P1Y' },
          { kind: 'duration', period: 'P3Y', text: { ko: '3년', en: '' } },
        ],
      }),
    ).toEqual({ kind: 'either', options: [{ kind: 'until_withdrawal' }, { kind: 'duration', period: 'P3Y' }] });
  });
});

describe('registerWriteBody', () => {
  it('sends only writable fields, nulls for empty choices, the reason and the version', () => {
    const body = registerWriteBody(
      {
        id: 'p1',
        version: 3,
        createdAt: 'x',
        missingTerms: ['liability'],
        countryName: { ko: '미국', en: 'United States' },
        policyId: 'pol',
        parentId: '',
        recipient: { ko: '재수탁사' },
        country: 'us',
        dpaExpiresOn: '',
        retention: { kind: 'until_contract_end', period: 'P1Y', text: { ko: '', en: '' } },
        status: 'draft',
      },
      WRITABLE_FIELDS[PROCESSORS],
      { reason: '  added  ', version: 3 },
    );
    expect(body).toEqual({
      policyId: 'pol',
      parentId: null,
      recipient: { ko: '재수탁사', en: '' },
      country: 'US',
      dpaExpiresOn: null,
      retention: { kind: 'until_contract_end' },
      status: 'draft',
      reason: 'added',
      version: 3,
    });
  });
});

describe('field errors', () => {
  it('turns the server paths into form paths with register messages', () => {
    expect(formPath('retention.options[1].period')).toBe('retention.options.1.period');
    expect(
      formErrors([
        { field: 'contractTerms.liability', code: 'CONTRACT_TERM_MISSING', message: 'x' },
        { field: 'processorIds[1]', code: 'UNKNOWN_REFERENCE', message: 'x' },
        { field: 'contact', code: 'MAXLENGTH', message: 'x' },
      ]),
    ).toEqual({
      'contractTerms.liability': 'resources.registers.problem.CONTRACT_TERM_MISSING',
      'processorIds.1': 'resources.registers.problem.UNKNOWN_REFERENCE',
      contact: 'app.problem.TOO_LONG',
    });
  });
});

describe('texts', () => {
  it('falls back to the other language', () => {
    expect(pickText({ ko: '', en: 'Zoom' }, 'ko')).toBe('Zoom');
    expect(pickText({ ko: '줌', en: 'Zoom' }, 'ko')).toBe('줌');
  });
});
