import { Clock } from '../../calendar/clock';
import { DocumentRenderer } from '../../outbox/document-renderer';
import { OutboxService } from '../../outbox/outbox.service';
import { TemplatesService } from '../../outbox/templates.service';
import { FakeClock } from '../../../../test/support/fake-clock';
import { pdfText } from '../../../../test/support/pdf-text';
import { startTestServer, type TestServer } from '../../../../test/support/server';
import {
  LETTER_KINDS,
  LETTER_LOCALES,
  mergeDataOf,
  templateKeyOf,
  type LetterKind,
  type RequestLetterView,
} from './letter-data';
import { RequestLettersService } from './request-letters.service';

/** A request with every merge field filled, for each letter kind. */
const VIEW: RequestLetterView = {
  reference: 'RR-2026-000123',
  locale: 'ko',
  regimes: ['KR-PIPA', 'EU-GDPR'],
  subjectName: '김보호',
  requestType: 'erasure',
  receivedOn: '2026-09-14',
  dueOn: '2026-09-28',
  extendedDueOn: '2026-10-08',
  grounds: 'Records-held-in-three-services',
  refusalReason: 'statute',
  remedy: 'Object-within-7-days-to-privacy@shelby.example',
  outcome: 'Erased-what-no-law-holds',
  erased: [{ category: 'counseling' }, { category: 'contact' }],
  retained: [{ category: 'payments', law: 'E-Commerce-Act-Art-6-five-years', destroyOn: '2031-09-30' }],
  recipients: [{ name: 'PayGate-Korea' }],
  processorNotice: {
    recipientName: 'PayGate-Korea',
    action: 'erased',
    items: ['contact', 'payments'],
    subjectRef: 'C-000777',
    actedOn: '2026-09-25',
    replyBy: '2026-10-02',
  },
};

/** The view's own values each kind must show (the merge fields it is about). */
const SHOWN: Record<LetterKind, string[]> = {
  acknowledgement: ['RR-2026-000123', '김보호'],
  extension: [
    'RR-2026-000123',
    '김보호',
    'Records-held-in-three-services',
    'Object-within-7-days-to-privacy@shelby.example',
  ],
  completion: [
    'RR-2026-000123',
    '김보호',
    'Erased-what-no-law-holds',
    'E-Commerce-Act-Art-6-five-years',
    'PayGate-Korea',
  ],
  partial: [
    'RR-2026-000123',
    'Erased-what-no-law-holds',
    'E-Commerce-Act-Art-6-five-years',
    'Records-held-in-three-services',
    'Object-within-7-days-to-privacy@shelby.example',
  ],
  rejection: ['RR-2026-000123', 'Records-held-in-three-services', 'Object-within-7-days-to-privacy@shelby.example'],
  processor_notice: ['RR-2026-000123', 'PayGate-Korea', 'C-000777'],
};

describe('rights-request letters', () => {
  let server: TestServer;
  let letters: RequestLettersService;
  let templates: TemplatesService;

  beforeAll(async () => {
    server = await startTestServer({ clock: new FakeClock(Date.parse('2026-09-22T01:00:00Z')) });
    templates = server.app.get(TemplatesService);
    letters = new RequestLettersService(
      templates,
      server.app.get(DocumentRenderer),
      server.app.get(OutboxService),
      server.app.get(Clock),
    );
  });
  afterAll(() => server?.close());

  describe.each(LETTER_LOCALES)('in %s', (locale) => {
    it.each(LETTER_KINDS)('fills every merge field of the %s letter and its e-mail', async (kind) => {
      const data = mergeDataOf(kind, VIEW, locale);
      for (const channel of ['letter', 'email'] as const) {
        const rendered = await templates.renderByKey(templateKeyOf(kind, channel), locale, data);
        // Names inside a list section are the list items' own fields.
        const itemFields = Object.values(data).flatMap((v) =>
          Array.isArray(v)
            ? v.flatMap((item) => (typeof item === 'object' && item !== null ? Object.keys(item) : []))
            : [],
        );
        expect(rendered.fields.filter((f) => !(f in data) && !itemFields.includes(f))).toEqual([]);
        expect(`${rendered.subject}\n${rendered.text}`).not.toMatch(/\{\{|\}\}/);
        for (const value of SHOWN[kind]) expect(rendered.text).toContain(value);
        for (const [field, value] of Object.entries(data)) {
          // Each string field the template uses shows its value (no field silently renders empty).
          if (typeof value === 'string' && rendered.fields.includes(field)) {
            expect(`${rendered.subject}\n${rendered.text}`).toContain(value);
          }
        }
      }
    });
  });

  it('renders a Korean letter as a PDF whose text holds the reference and the Hangul', async () => {
    const letter = await letters.render('rejection', VIEW, 'ko');
    expect(letter.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(letter.fileName).toBe('RR-2026-000123-rejection-ko.pdf');
    expect(letter.templateKey).toBe('rights-request.rejection.letter');
    const text = await pdfText(letter.pdf);
    expect(text).toContain('RR-2026-000123');
    expect(text).toContain('거절');
    expect(text).toContain('2026년 9월 14일');
  });

  it('tells a Korean requester where to complain: KISA 118, the mediation committee, prosecutors and police', async () => {
    const { body } = await letters.render('rejection', VIEW, 'ko');
    for (const route of [
      '개인정보침해신고센터: privacy.kisa.or.kr, 국번없이 118',
      '개인정보분쟁조정위원회: www.kopico.go.kr, 1833-6972',
      '대검찰청: www.spo.go.kr, 국번없이 1301',
      '경찰청: ecrm.police.go.kr, 국번없이 182',
      'EU 감독기관',
    ]) {
      expect(body).toContain(route);
    }
    expect(body).toContain('「개인정보 보호법」 제35조제4항제1호');
  });

  it('tells a GDPR requester in English of the supervisory authority, and no Korean-only route', async () => {
    const gdpr = { ...VIEW, locale: 'en' as const, regimes: ['EU-GDPR' as const] };
    const { body, pdf } = await letters.render('rejection', gdpr);
    expect(body).toContain('lodge a complaint with a supervisory authority');
    expect(body).toContain('GDPR Art. 77');
    expect(body).not.toContain('kisa');
    expect(await pdfText(pdf)).toContain('RR-2026-000123');
  });

  it('sends through the outbox on the channel asked, recording the template, language and time', async () => {
    const sent = await letters.send('extension', VIEW, 'letter', {
      kind: 'subject',
      id: 'subject-1',
      address: '서울시 중구 세종대로 110',
    });
    const email = await letters.send('processor_notice', { ...VIEW, locale: 'en' }, 'email', {
      kind: 'processor',
      id: 'processor-1',
      address: 'privacy@paygate.example',
    });
    expect(sent).toMatchObject({
      kind: 'extension',
      channel: 'letter',
      templateKey: 'rights-request.extension.letter',
      language: 'ko',
    });
    const rows = (await server.db.query(
      `SELECT id, channel, template_key, language, reference, recipient_kind, created_at FROM outbox_messages
        WHERE id = ANY($1) ORDER BY template_key`,
      [[sent.messageId, email.messageId]],
    )) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.channel, r.template_key, r.language, r.reference, r.recipient_kind])).toEqual([
      ['letter', 'rights-request.extension.letter', 'ko', 'rights-request:RR-2026-000123', 'subject'],
      ['email', 'rights-request.processor-notice.email', 'en', 'rights-request:RR-2026-000123', 'processor'],
    ]);
    expect((rows[0].created_at as Date).toISOString()).toBe(sent.queuedAt);
  });
});
