/// <reference types="jest" />
import { requestsEn } from '../../i18n/requests.en';
import { requestsKo } from '../../i18n/requests.ko';
import { intakeBody } from './intakeBody';
import { deadlineLabel, shownName } from './requestLabels';

/** Polyglot's plural rule for the two languages: Korean has one form, English "1 day |||| 2 days". */
const wordsIn = (messages: object, locale: 'ko' | 'en') => (days: number) => {
  const { key, options } = deadlineLabel(days);
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
  const forms = String(text).split(' |||| ');
  const count = options.smart_count;
  const form = count === undefined || locale === 'ko' || count === 1 ? forms[0] : (forms[1] ?? forms[0]);
  return form!.replace('%{smart_count}', String(count));
};

describe('deadline chips', () => {
  it('words the days left the Korean way: D-3, D-day, 3일 지남', () => {
    const ko = wordsIn(requestsKo, 'ko');
    expect([ko(3), ko(1), ko(0), ko(-1), ko(-3)]).toEqual(['D-3', 'D-1', 'D-day', '1일 지남', '3일 지남']);
  });

  it('words them in English: 3 days left, Due today, 3 days overdue', () => {
    const en = wordsIn(requestsEn, 'en');
    expect([en(3), en(1), en(0), en(-1), en(-3)]).toEqual([
      '3 days left',
      '1 day left',
      'Due today',
      '1 day overdue',
      '3 days overdue',
    ]);
  });
});

describe('the intake body', () => {
  const base = { subjectId: 's-1', channel: 'email', locale: 'ko' as const, regimes: ['KR-PIPA' as const] };

  it("sends a guardian's request with the guardian and the evidence, and the erasure's own details", () => {
    expect(
      intakeBody({
        ...base,
        relation: 'legal_representative',
        requesterSubjectId: 'g-1',
        representationEvidence: '가족관계증명서',
        type: 'erasure',
        categories: ['sensitive'],
        sensitiveOnly: true,
        items: ['items'],
        purposes: ['marketing'],
      }),
    ).toEqual({
      ...base,
      type: 'erasure',
      relation: 'legal_representative',
      requesterSubjectId: 'g-1',
      representationEvidence: '가족관계증명서',
      details: { categories: ['sensitive'], sensitiveOnly: true },
    });
  });

  it('drops what another relation or type left in the form', () => {
    const body = intakeBody({
      ...base,
      relation: 'self',
      requesterSubjectId: 'g-1',
      representationEvidence: 'left over',
      type: 'access',
      items: ['purposes', 'retention'],
      categories: ['payments'],
    });
    expect(body).not.toHaveProperty('requesterSubjectId');
    expect(body).not.toHaveProperty('representationEvidence');
    expect(body.details).toEqual({ items: ['purposes', 'retention'] });
  });

  it('sends the received time as an instant with its offset, or nothing for now', () => {
    expect(intakeBody({ ...base, relation: 'self', type: 'objection' })).not.toHaveProperty('receivedAt');
    const body = intakeBody({ ...base, relation: 'self', type: 'objection', receivedAt: '2026-12-01T09:30:00+09:00' });
    expect(body.receivedAt).toBe('2026-12-01T00:30:00.000Z');
  });
});

describe('an erased person’s name', () => {
  it('is left to the console’s own words, whether the server sends null or its erased marker', () => {
    expect(shownName('홍**')).toBe('홍**');
    expect(shownName('(erased)')).toBeNull();
    expect(shownName(null)).toBeNull();
  });
});
