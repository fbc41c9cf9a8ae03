import { durationText, generatedRetentionText, parseDuration, parseRetention, retentionDisplay } from './retention';

describe('retention', () => {
  it('reads ISO 8601 date durations and refuses anything else', () => {
    expect(parseDuration('P3Y')).toEqual({ years: 3, months: 0, weeks: 0, days: 0 });
    expect(parseDuration('P1Y6M')).toEqual({ years: 1, months: 6, weeks: 0, days: 0 });
    expect(parseDuration('P30D')).toEqual({ years: 0, months: 0, weeks: 0, days: 30 });
    for (const bad of ['P', 'P0D', '3Y', 'PT5H', 'P1.5Y', 'P-1Y', 'p3y', 'P3Y ', ''])
      expect(parseDuration(bad)).toBeNull();
  });

  it('names the exact part of a retention that is wrong', () => {
    const fields = (raw: unknown) => parseRetention(raw, 'retention').errors.map((e) => e.field);
    expect(fields({ kind: 'duration', period: 'soon' })).toEqual(['retention.period']);
    expect(fields({ kind: 'statutory', period: 'P5Y' })).toEqual(['retention.law']);
    expect(fields({ kind: 'immediate', period: 'P1D' })).toEqual(['retention.period']);
    expect(fields({ kind: 'until_purpose', after: 'delivery' })).toEqual(['retention.after']);
    expect(
      fields({ kind: 'either', options: [{ kind: 'until_withdrawal' }, { kind: 'either', options: [] }] }),
    ).toEqual(['retention.options[1].kind']);
    expect(fields({ kind: 'duration', period: 'P1Y', extra: 1 })).toEqual(['retention.extra']);
    expect(fields(null)).toEqual(['retention']);
    expect(parseRetention({ kind: 'duration', period: 'P1Y' }, 'retention').errors).toEqual([]);
  });

  it('keeps the written text, ignores a display sent back, and generates text where none was written', () => {
    const { value } = parseRetention(
      {
        kind: 'duration',
        period: 'P3Y',
        after: 'counseling_end',
        text: { ko: '상담 종료 후 3년간 보관 후 파기' },
        display: { ko: 'x' },
      },
      'retention',
    );
    expect(value).toEqual({
      kind: 'duration',
      period: 'P3Y',
      after: 'counseling_end',
      text: { ko: '상담 종료 후 3년간 보관 후 파기', en: '' },
    });
    expect(retentionDisplay(value!)).toEqual({
      ko: '상담 종료 후 3년간 보관 후 파기',
      en: '3 years after counseling ends',
    });
  });

  it('generates the Korean wording the Shelby policy uses', () => {
    expect(generatedRetentionText({ kind: 'duration', period: 'P1Y', after: 'counseling_end' }, 'ko')).toBe(
      '상담 종료 후 1년',
    );
    expect(generatedRetentionText({ kind: 'duration', period: 'P30D', after: 'counseling_end' }, 'ko')).toBe(
      '상담 종료 후 30일',
    );
    expect(generatedRetentionText({ kind: 'immediate', after: 'delivery' }, 'ko')).toBe('발송 완료 후 즉시 파기');
    expect(generatedRetentionText({ kind: 'until_withdrawal' }, 'ko')).toBe('회원 탈퇴 시까지');
    expect(
      generatedRetentionText(
        { kind: 'either', options: [{ kind: 'until_withdrawal' }, { kind: 'duration', period: 'P3Y' }] },
        'en',
      ),
    ).toBe('Until withdrawal or 3 years');
    expect(durationText('P1Y6M', 'en')).toBe('1 year 6 months');
  });
});
