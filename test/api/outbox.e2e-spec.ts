import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { type Role } from '../../server/src/authorization/roles';
import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import { OutboxService } from '../../server/src/outbox/outbox.service';
import { FakeClock } from '../support/fake-clock';
import { pdfText } from '../support/pdf-text';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';

const binary = (
  res: { on: (e: string, cb: (c?: Buffer) => void) => void },
  cb: (e: Error | null, b: Buffer) => void,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The outbox: SMTP to a real in-process server, files without SMTP, templates, PDFs. */
describe('outbox and documents', () => {
  let smtp: SmtpSink;
  let server: TestServer;
  let clock: FakeClock;
  const clients = new Map<Role, Agent>();
  const outbox = () => server.app.get(OutboxService);
  const row = async (id: string) =>
    (
      (await server.db.query(
        `SELECT status, attempts, content_sealed, recipient_address_sealed, content_deleted_at, delivery,
                last_error, template_version, recipient_masked, sent_at
           FROM outbox_messages WHERE id = $1`,
        [id],
      )) as Record<string, unknown>[]
    )[0];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    clock = new FakeClock(Date.parse('2026-09-15T01:00:00Z'));
    server = await startTestServer({ clock, env: { SMTP_URL: smtp.url } });
    await signInEveryRole(server, clients, { displayName: (role) => `The ${role}` });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  const dpo = () => clients.get('dpo')!;

  it('sends a Korean message by SMTP to a real server, then keeps only its metadata', async () => {
    const before = smtp.received.length;
    const id = await outbox().enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'ko',
      recipient: { kind: 'subject', id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', address: 'parent@example.com' },
      data: {
        name: '김하늘',
        requestType: '삭제',
        requestNumber: 'RR-2026-0100',
        receivedOn: '2026-09-15',
        dueOn: '2026-09-25',
        contact: 'privacy@shelby.example',
      },
      reference: 'rights-request:RR-2026-0100',
    });
    // Queued: the address and content are sealed, never in clear.
    const queued = await row(id);
    expect(queued.status).toBe('queued');
    const raw = JSON.stringify(
      await server.db.query(`SELECT to_jsonb(m)::text AS t FROM outbox_messages m WHERE id = $1`, [id]),
    );
    expect(raw).not.toContain('김하늘');
    expect(raw).not.toContain('parent@example.com');

    const result = await outbox().dispatchDue();
    expect(result).toMatchObject({ claimed: 1, sent: 1, failed: 0 });
    await smtp.waitFor(before + 1);
    const mail = smtp.received[before];
    expect(mail.envelopeTo).toEqual(['parent@example.com']);
    expect(mail.subject).toBe('[Shelby] 개인정보 삭제 요구를 접수했습니다 (RR-2026-0100)');
    expect(mail.text).toContain('김하늘님, 안녕하세요.');
    expect(mail.text).toContain('2026-09-25까지 결과를 알려 드리겠습니다');
    expect(mail.html).toContain('<p>김하늘님, 안녕하세요.</p>');
    expect(mail.headers.get('x-outbox-message')).toBe(id);

    const sent = await row(id);
    const [{ version }] = await server.db.query(
      `SELECT version FROM message_templates WHERE template_key = 'rights-request.acknowledgement'`,
    );
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 1,
      content_sealed: null,
      recipient_address_sealed: null,
      template_version: version,
      recipient_masked: 'p***@example.com',
    });
    expect(sent.content_deleted_at).not.toBeNull();
    expect(sent.delivery).toMatchObject({ transport: 'smtp', accepted: 1, rejected: 0 });
    expect((sent.delivery as { messageId: string }).messageId).toBe(mail.messageId);
  });

  it('keeps the sealed content of a template that does not delete it, and sends a letter as a PDF file', async () => {
    const id = await outbox().enqueue({
      templateKey: 'retention.destruction-certificate',
      language: 'ko',
      recipient: { kind: 'processor', id: 'aws', address: '아마존웹서비스 서울특별시 강남구' },
      data: { fileName: '상담 예약 고객 파일', items: ['이름'], count: 3, reason: '보유기간 경과', dpo: '이보호' },
    });
    await outbox().dispatchDue();
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.content_sealed).not.toBeNull();
    expect(sent.content_deleted_at).toBeNull();
    const delivery = sent.delivery as { transport: string; file: string; note: string };
    expect(delivery).toMatchObject({ transport: 'file', note: expect.stringMatching(/no transport/) });
    const text = await pdfText(readFileSync(join(server.dataDir, 'outbox', delivery.file)));
    expect(text).toContain('개인정보 파기 확인서');
    expect(text).toContain('상담 예약 고객 파일');
  });

  it('sends nothing when the transaction that queued the message rolls back', async () => {
    const dataSource = server.app.get(DataSource);
    let queuedId = '';
    await expect(
      dataSource.transaction(async (manager) => {
        queuedId = await outbox().enqueue(
          {
            templateKey: 'rights-request.acknowledgement',
            language: 'en',
            recipient: { kind: 'subject', id: 'x', address: 'rollback@example.com' },
            data: { name: 'Rolled back' },
          },
          manager,
        );
        throw new Error('the erasure failed');
      }),
    ).rejects.toThrow('the erasure failed');
    expect(queuedId).not.toBe('');
    expect(await row(queuedId)).toBeUndefined();
    expect((await outbox().dispatchDue()).claimed).toBe(0);
  });

  it('retries a refused message with a growing wait, then marks it failed, with the address masked', async () => {
    const id = await outbox().enqueue({
      templateKey: 'rights-request.acknowledgement',
      language: 'en',
      recipient: { kind: 'subject', id: 'y', address: 'reject-me@example.com' },
      data: { name: 'Refused' },
      maxAttempts: 2,
    });
    expect(await outbox().dispatchDue()).toMatchObject({ claimed: 1, retrying: 1 });
    expect(await row(id)).toMatchObject({ status: 'queued', attempts: 1 });
    // Not due again before a minute has passed.
    expect((await outbox().dispatchDue()).claimed).toBe(0);
    clock.advance(61_000);
    expect(await outbox().dispatchDue()).toMatchObject({ claimed: 1, failed: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).toMatch(/^550 /);
    expect(failed.last_error).not.toContain('reject-me@');
    expect(failed.last_error).toContain('r***@example.com');
  });

  it('sends each message once with two instances dispatching at the same time', async () => {
    const second = await startTestServer({ shareDatabaseWith: server, clock, env: { SMTP_URL: smtp.url } });
    try {
      const before = smtp.received.length;
      const ids: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        ids.push(
          await outbox().enqueue({
            templateKey: 'rights-request.acknowledgement',
            language: 'ko',
            recipient: { kind: 'subject', id: `s${i}`, address: `twice-${i}@example.com` },
            data: { name: `사람${i}` },
          }),
        );
      }
      const results = await Promise.all([
        outbox().dispatchDue(5),
        second.app.get(OutboxService).dispatchDue(5),
        outbox().dispatchDue(5),
        second.app.get(OutboxService).dispatchDue(5),
      ]);
      expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(12);
      await smtp.waitFor(before + 12);
      const to = smtp.received.slice(before).flatMap((m) => m.envelopeTo);
      expect(to.sort()).toEqual(ids.map((_, i) => `twice-${i}@example.com`).sort());
      expect(new Set(to).size).toBe(12);
    } finally {
      await second.stopApp();
    }
  });

  it('writes an .eml under the data directory when SMTP_URL is not set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-files-'));
    const fileServer = await startTestServer({ shareDatabaseWith: server, clock, env: { OUTBOX_DIR: dir } });
    try {
      const id = await fileServer.app.get(OutboxService).enqueue({
        templateKey: 'rights-request.acknowledgement',
        language: 'ko',
        recipient: { kind: 'subject', id: 'z', address: 'file@example.com' },
        data: { name: '박바다', requestType: '열람', requestNumber: 'RR-7' },
      });
      await fileServer.app.get(OutboxService).dispatchDue();
      const sent = await row(id);
      expect(sent.delivery).toMatchObject({ transport: 'file', note: 'SMTP_URL is not set', file: `email/${id}.eml` });
      const file = join(dir, 'email', `${id}.eml`);
      expect(existsSync(file)).toBe(true);
      const mail = await simpleParser(readFileSync(file));
      expect(mail.subject).toBe('[Shelby] 개인정보 열람 요구를 접수했습니다 (RR-7)');
      expect(mail.text).toContain('박바다님, 안녕하세요.');
    } finally {
      await fileServer.stopApp();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('templates API', () => {
    const template = async (key: string) =>
      (
        (
          await dpo()
            .get('/api/templates')
            .query({ filter: JSON.stringify({ q: key }) })
            .expect(200)
        ).body as {
          id: string;
          key: string;
          version: number;
        }[]
      ).find((t) => t.key === key)!;

    it('lists the seeded templates in both languages, with their merge fields', async () => {
      const res = await dpo().get('/api/templates').query({ range: '[0,49]' }).expect(200);
      expect(res.headers['content-range']).toMatch(/^templates 0-\d+\/\d+$/);
      const keys = (res.body as { key: string }[]).map((t) => t.key);
      expect(keys).toEqual(
        expect.arrayContaining([
          'rights-request.acknowledgement',
          'incident.subject-notice',
          'retention.destruction-certificate',
        ]),
      );
      const notice = (res.body as { key: string; bodyKo: string; bodyEn: string; fields: string[] }[]).find(
        (t) => t.key === 'incident.subject-notice',
      )!;
      // PIPA Art. 34(1): the five items.
      for (const item of [
        '유출된 개인정보의 항목',
        '유출된 시점과 그 경위',
        '피해를 최소화하기',
        '대응조치 및 피해 구제절차',
        '담당부서 및 연락처',
      ]) {
        expect(notice.bodyKo).toContain(item);
      }
      expect(notice.fields).toEqual(expect.arrayContaining(['items', 'occurredAt', 'department', 'contact']));
    });

    it('previews with sample data, escaping HTML in merge values', async () => {
      const t = await template('rights-request.acknowledgement');
      const res = await dpo()
        .post(`/api/templates/${t.id}/preview`)
        .send({ language: 'ko', data: { name: '<script>alert(1)</script>', requestType: '정정' } })
        .expect(200);
      expect(res.body.subject).toContain('개인정보 정정 요구를 접수했습니다');
      expect(res.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;님');
      expect(res.body.html).not.toContain('<script>');
      expect(res.body.missing).toEqual(expect.arrayContaining(['requestNumber', 'dueOn']));
    });

    it('renders a preview and a document as a PDF whose text holds the Hangul', async () => {
      const t = await template('retention.destruction-certificate');
      const preview = await dpo()
        .post(`/api/templates/${t.id}/preview.pdf`)
        .send({ language: 'ko' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(preview.headers['content-type']).toBe('application/pdf');
      const previewText = await pdfText(preview.body as Buffer);
      expect(previewText).toContain('개인정보 파기 확인서');
      expect(previewText).toContain('복원할 수 없도록 파기하였음을 확인합니다');

      const doc = await dpo()
        .post('/api/documents')
        .send({
          templateKey: 'retention.destruction-certificate',
          language: 'ko',
          data: { fileName: '휴면 회원 파일', count: 42, dpo: '최책임' },
          purpose: '분기 파기 결과 보고',
        })
        .buffer(true)
        .parse(binary)
        .expect(200);
      const text = await pdfText(doc.body as Buffer);
      expect(text).toContain('휴면 회원 파일');
      expect(text).toContain('42건');
      expect(text).toContain('최책임');
      // Real merge data went in: the access log says who made which document, and why.
      await server.app.get(AuditSequencer).flush();
      const events = (await server.db.query(
        `SELECT convert_from(canonical, 'UTF8')::jsonb AS e FROM audit_events
          WHERE convert_from(canonical, 'UTF8')::jsonb ->> 'resource' = 'document'`,
      )) as { e: { action: string; purpose: string; fields: string[] } }[];
      expect(events.map((r) => r.e)).toEqual([
        expect.objectContaining({
          action: 'print',
          purpose: '분기 파기 결과 보고',
          fields: ['count', 'dpo', 'fileName'],
        }),
      ]);
    });

    it('lets the DPO edit with a reason, keeps the history, refuses a stale version and a broken template', async () => {
      const t = await template('account.dormancy-notice');
      const full = (await dpo().get(`/api/templates/${t.id}`).expect(200)).body as Record<string, unknown>;
      // What it is for, in both languages.
      expect(full).toMatchObject({
        description: expect.stringMatching(/^Text message 30 days before/),
        descriptionKo: expect.stringMatching(/^계정의 개인정보를 분리보관하기 30일 전에 보내는 문자/),
      });
      const edit = {
        description: full.description,
        descriptionKo: full.descriptionKo,
        subjectKo: full.subjectKo,
        subjectEn: full.subjectEn,
        bodyKo: `${full.bodyKo as string} 문의: 1588-0000`,
        bodyEn: full.bodyEn,
        deleteContentAfterSend: true,
        sampleData: full.sampleData,
        reason: '고객센터 번호 추가',
        version: t.version,
      };
      const saved = await dpo().put(`/api/templates/${t.id}`).send(edit).expect(200);
      expect(saved.body.version).toBe(t.version + 1);
      const stale = await dpo().put(`/api/templates/${t.id}`).send(edit).expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const broken = await dpo()
        .put(`/api/templates/${t.id}`)
        .send({ ...edit, version: t.version + 1, bodyKo: '{{#name}} 닫히지 않음' })
        .expect(422);
      expect(broken.body.errors[0]).toMatchObject({ field: 'bodyKo', code: 'TEMPLATE_SYNTAX' });
      const history = (await dpo().get(`/api/templates/${t.id}/history`).expect(200)).body as {
        version: number;
        reason: string;
        changed: string[];
        author: { displayName: string };
      }[];
      expect(history.map((h) => h.version)).toEqual([t.version + 1, t.version, t.version - 1]);
      expect(history[0]).toMatchObject({
        reason: '고객센터 번호 추가',
        changed: ['bodyKo'],
        author: { displayName: 'The dpo' },
      });
      // The Korean purpose came in a version of its own, by the migration that added it.
      expect(history[1]).toMatchObject({ changed: ['descriptionKo'], author: { displayName: 'system' } });
      // And a change to it is a change like any other.
      const retitled = await dpo()
        .put(`/api/templates/${t.id}`)
        .send({ ...edit, descriptionKo: '휴면 전환 30일 전 안내 문자', reason: '용도 정리', version: t.version + 1 })
        .expect(200);
      expect(retitled.body.descriptionKo).toBe('휴면 전환 30일 전 안내 문자');
      const after = (await dpo().get(`/api/templates/${t.id}/history`).expect(200)).body as { changed: string[] }[];
      expect(after[0]!.changed).toEqual(['descriptionKo']);
      // A message queued now records the version it used.
      const id = await outbox().enqueue({
        templateKey: 'account.dormancy-notice',
        language: 'ko',
        recipient: { kind: 'subject', id: 'v', address: '010-1234-5678' },
        data: { name: '홍길동', separateOn: '2026-10-15' },
      });
      expect(await row(id)).toMatchObject({ template_version: t.version + 2, recipient_masked: '***-5678' });
    });

    it('lists outbox messages as metadata, without addresses or content, for the DPO and security', async () => {
      for (const role of ['dpo', 'security'] as const) {
        const res = await clients
          .get(role)!
          .get('/api/outbox')
          .query({ sort: JSON.stringify(['createdAt', 'DESC']), range: '[0,99]' })
          .expect(200);
        const body = JSON.stringify(res.body);
        expect(res.body.length).toBeGreaterThan(5);
        expect(body).not.toContain('parent@example.com');
        expect(body).not.toContain('김하늘');
        expect(body).toContain('p***@example.com');
        const one = await clients
          .get(role)!
          .get(`/api/outbox/${res.body[0].id as string}`)
          .expect(200);
        expect(one.body).not.toHaveProperty('contentSealed');
        expect(one.body).not.toHaveProperty('recipientAddressSealed');
      }
    });

    it('answers bad input with a 4xx problem and writes nothing', async () => {
      const t = await template('account.dormancy-notice');
      const full = (await dpo().get(`/api/templates/${t.id}`).expect(200)).body as Record<string, unknown>;
      const edit = {
        description: full.description,
        descriptionKo: full.descriptionKo,
        subjectKo: full.subjectKo,
        subjectEn: full.subjectEn,
        bodyKo: full.bodyKo,
        bodyEn: full.bodyEn,
        deleteContentAfterSend: true,
        sampleData: full.sampleData,
        reason: 'bad input',
        version: full.version,
      };
      const versions = async () =>
        (await server.db.query('SELECT count(*)::int AS n FROM message_template_versions'))[0].n as number;
      const before = await versions();
      // A template edit with one field changed.
      const putWith = (change: Record<string, unknown>) => () =>
        dpo()
          .put(`/api/templates/${t.id}`)
          .send({ ...edit, ...change });
      const cases: [string, () => ReturnType<Agent['get']>, number][] = [
        ['NUL in sample data', putWith({ sampleData: { a: 'x\u0000' } }), 422],
        ['NUL in a body', putWith({ bodyKo: 'a\u0000b' }), 422],
        ['NUL in the Korean purpose', putWith({ descriptionKo: '용도\u0000' }), 422],
        ['a lone surrogate in the Korean purpose', putWith({ descriptionKo: '용도\ud800' }), 422],
        ['no Korean purpose', putWith({ descriptionKo: ' ' }), 422],
        ['sample data not an object', putWith({ sampleData: [1] }), 422],
        ['huge sample data', putWith({ sampleData: { a: 'x'.repeat(30_000) } }), 422],
        ['a partial', putWith({ bodyEn: '{{> secrets}}' }), 422],
        ['unknown language', () => dpo().post(`/api/templates/${t.id}/preview`).send({ language: 'jp' }), 422],
        ['unknown template', () => dpo().get('/api/templates/00000000-0000-4000-8000-000000000000'), 404],
        ['not a uuid', () => dpo().get('/api/templates/abc'), 422],
        ['unknown message', () => dpo().get('/api/outbox/00000000-0000-4000-8000-000000000000'), 404],
        [
          'bad outbox filter',
          () =>
            dpo()
              .get('/api/outbox')
              .query({ filter: JSON.stringify({ status: 'lost' }) }),
          422,
        ],
        [
          'unknown document template',
          () =>
            dpo().post('/api/documents').send({ templateKey: 'no.such', language: 'ko', data: {}, purpose: 'test' }),
          404,
        ],
        [
          'NUL in document data',
          () =>
            dpo()
              .post('/api/documents')
              .send({
                templateKey: 'retention.destruction-certificate',
                language: 'ko',
                data: { a: '\u0000' },
                purpose: 'test',
              }),
          422,
        ],
        ['test send by SMS', () => dpo().post(`/api/templates/${t.id}/test-send`).send({ language: 'ko' }), 422],
      ];
      for (const [name, call, status] of cases) {
        const res = await call();
        expect({ name, status: res.status }).toEqual({ name, status });
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      expect(await versions()).toBe(before);
    });

    it('queues a test send of a template to the DPO’s own address', async () => {
      const t = await template('rights-request.acknowledgement');
      const before = smtp.received.length;
      const res = await dpo().post(`/api/templates/${t.id}/test-send`).send({ language: 'en' }).expect(201);
      await outbox().dispatchDue();
      await smtp.waitFor(before + 1);
      expect(smtp.received[before].envelopeTo).toEqual(['dpo@example.com']);
      expect(smtp.received[before].subject).toContain('RR-2026-0042');
      expect((await row(res.body.messageId as string)).status).toBe('sent');
    });
  });
});
