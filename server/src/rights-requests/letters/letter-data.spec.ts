import {
  LETTER_KINDS,
  LETTER_LOCALES,
  letterDate,
  letterFileName,
  letterKindOf,
  mergeDataOf,
  templateKeyOf,
  type RequestLetterView,
} from './letter-data';

const view: RequestLetterView = {
  reference: 'RR-2026-000123',
  locale: 'ko',
  regimes: ['KR-PIPA', 'EU-GDPR'],
  subjectName: '김보호',
  requestType: 'erasure',
  receivedOn: '2028-01-31',
  dueOn: '2028-02-10',
  retained: [{ category: 'payments', law: '전자상거래법 제6조 (5년)', destroyOn: '2033-02-28' }],
};

describe('letter merge data', () => {
  it('writes dates as a letter does in each language, leap day included', () => {
    expect(letterDate('2028-02-29', 'ko')).toBe('2028년 2월 29일');
    expect(letterDate('2028-02-29', 'en')).toBe('29 February 2028');
    expect(() => letterDate('2027-02-29', 'en')).toThrow(RangeError);
  });

  it('names one e-mail and one letter template per kind', () => {
    expect(LETTER_KINDS.map((k) => templateKeyOf(k, 'letter'))).toEqual([
      'rights-request.acknowledgement.letter',
      'rights-request.extension.letter',
      'rights-request.completion.letter',
      'rights-request.partial.letter',
      'rights-request.rejection.letter',
      'rights-request.processor-notice.letter',
    ]);
    expect(templateKeyOf('processor_notice', 'email')).toBe('rights-request.processor-notice.email');
  });

  it('puts labels in the language, flags the regimes and the lists', () => {
    const ko = mergeDataOf('completion', view, 'ko');
    expect(ko).toMatchObject({
      requestType: '삭제',
      receivedOn: '2028년 1월 31일',
      kr: true,
      eu: true,
      ca: false,
      hipaa: false,
      hasErased: false,
      hasRetained: true,
      retained: [{ item: '결제 기록', law: '전자상거래법 제6조 (5년)', destroyOn: '2033년 2월 28일' }],
    });
    expect(mergeDataOf('completion', view, 'en')).toMatchObject({
      requestType: 'erasure',
      receivedOn: '31 January 2028',
    });
  });

  it('refuses a processor notice without its recipient and action', () => {
    expect(() => mergeDataOf('processor_notice', view, 'ko')).toThrow(RangeError);
  });
});

describe('letter file names', () => {
  it('names each letter by its request, kind and language, and reads the kind back', () => {
    expect(letterFileName('RR-2026-000123', 'processor_notice', 'ko')).toBe('RR-2026-000123-processor-notice-ko.pdf');
    for (const kind of LETTER_KINDS) {
      for (const locale of LETTER_LOCALES)
        expect(letterKindOf(letterFileName('RR-2026-000123', kind, locale))).toBe(kind);
    }
  });

  it('reads no kind from any other file', () => {
    for (const name of ['RR-2026-000123-export.pdf', 'RR-2026-000123-extension-fr.pdf', 'RR-2026-000123-notice-ko.pdf'])
      expect(letterKindOf(name)).toBeNull();
  });
});
