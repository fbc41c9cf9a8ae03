import { AuditSequencer } from '../../server/src/access-log/audit-sequencer';
import type { CanonicalAuditEvent } from '../../server/src/access-log/audit-event';
import type { Role } from '../../server/src/authorization/roles';
import { IncidentTemplatesService } from '../../server/src/incidents/templates/incident-templates.service';
import { INCIDENT_PHASES, type TemplateTask } from '../../server/src/incidents/templates/template-types';
import { checkTemplateTasks } from '../../server/src/incidents/templates/template-validation';
import { FakeClock } from '../support/fake-clock';
import { Agent, signInEveryRole, startTestServer, TestServer } from '../support/server';

const DEFAULT_KEYS = [
  'lost_device',
  'misdirected_message',
  'personal_data_leak',
  'ransomware',
  'unauthorised_staff_access',
  'vendor_breach',
];

const task = (key: string, dependsOn: string[] = [], extra: Record<string, unknown> = {}) => ({
  key,
  phase: 'containment_eradication_recovery',
  title: { ko: `${key} 작업`, en: `${key} task` },
  dueOffsetHours: 24,
  dependsOn,
  ...extra,
});

/**
 * The checklist templates over HTTP on the real database: the six defaults (real tasks in the
 * four NIST phases, the 72-hour notices), who may read and edit, a new version on every save with
 * the old ones readable, 409 on a stale version, a 422 naming each broken rule, archiving, the
 * access log in the same transaction, and `instantiate` turning a template into dated tasks.
 */
describe('incident templates', () => {
  let server: TestServer;
  const clients = new Map<Role, Agent>();
  const ids = new Map<Role, string>();
  const as = (role: Role) => clients.get(role)!;
  const events = async (): Promise<CanonicalAuditEvent[]> => {
    await server.app.get(AuditSequencer).flush();
    const rows: { canonical: Buffer }[] = await server.db.query(
      "SELECT canonical FROM audit_events WHERE resource = 'incident-template' ORDER BY seq",
    );
    return rows.map((r) => JSON.parse(r.canonical.toString('utf8')) as CanonicalAuditEvent);
  };
  let created: { id: string; version: number };
  const body = (overrides: Record<string, unknown> = {}) => ({
    name: { ko: '자격 증명 대입 공격', en: 'Credential stuffing' },
    description: { ko: '유출된 비밀번호로 로그인 시도', en: 'Sign-ins with leaked passwords' },
    suggestedVector: 'outside_hacking',
    tasks: [
      task('assemble_team', [], { phase: 'preparation', dueOffsetHours: 1 }),
      task('block_ips', ['assemble_team'], { dueOffsetHours: 2 }),
      task('force_resets', ['block_ips'], { dueOffsetHours: 12, role: 'security' }),
      task('lessons_learned', ['force_resets'], { phase: 'post_incident', dueOffsetHours: 336 }),
    ],
    note: 'First version of the credential-stuffing plan',
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer({
      clock: new FakeClock(Date.parse('2026-11-02T01:00:00Z')),
      env: { AUDIT_SEQUENCER: 'false' },
    });
    await signInEveryRole(server, clients, { ids, displayName: (role) => `Staff ${role}` });
  });
  afterAll(() => server.close());

  it('ships six defaults with real tasks in all four phases that pass the checklist rules', async () => {
    const { body: rows, headers } = await as('security').get('/api/incident-templates').expect(200);
    expect(headers['content-range']).toBe('incident-templates 0-5/6');
    expect(rows.map((r: { key: string }) => r.key)).toEqual(DEFAULT_KEYS);
    const tasksOf: Record<string, TemplateTask[]> = {};
    for (const row of rows as { id: string; key: string; currentVersion: number }[]) {
      expect(row.currentVersion).toBe(1);
      const { body: detail } = await as('dpo').get(`/api/incident-templates/${row.id}`).expect(200);
      expect(checkTemplateTasks(detail.tasks).problems).toEqual([]);
      expect(new Set(detail.tasks.map((t: TemplateTask) => t.phase))).toEqual(new Set(INCIDENT_PHASES));
      expect(detail.name.ko).not.toBe(detail.name.en);
      expect(detail.versions).toEqual([expect.objectContaining({ version: 1, createdBy: null })]);
      tasksOf[row.key] = detail.tasks;
    }
    const offset = (key: string, taskKey: string) => tasksOf[key].find((t) => t.key === taskKey)?.dueOffsetHours;
    // PIPA Art. 34 notices to people and to the PIPC/KISA, GDPR Art. 33: 72 hours from awareness.
    expect(
      ['notify_people_kr', 'report_pipc_kisa', 'report_gdpr_authority'].map((k) => offset('personal_data_leak', k)),
    ).toEqual([72, 72, 72]);
    expect(offset('personal_data_leak', 'isolate_server')).toBeDefined();
    expect(offset('ransomware', 'isolate_hosts')).toBeDefined();
    expect(offset('ransomware', 'check_backups')).toBeDefined();
    expect(offset('lost_device', 'remote_wipe')).toBeDefined();
    expect(offset('misdirected_message', 'ask_recipient_delete')).toBeDefined();
    expect(offset('unauthorised_staff_access', 'pull_access_log')).toBeDefined();
    expect(offset('unauthorised_staff_access', 'suspend_account')).toBeDefined();
    expect(offset('vendor_breach', 'check_contract')).toBeDefined();
    expect(offset('vendor_breach', 'get_vendor_report')).toBeDefined();
  });

  it('lets security manage templates, the DPO and the auditor read them, and nobody else see them', async () => {
    const [first] = (await as('auditor').get('/api/incident-templates').expect(200)).body as { id: string }[];
    for (const role of ['support', 'sysadmin'] as const) {
      await as(role).get('/api/incident-templates').expect(403);
      await as(role).get(`/api/incident-templates/${first.id}`).expect(403);
    }
    for (const role of ['dpo', 'auditor'] as const) {
      await as(role).get(`/api/incident-templates/${first.id}/versions/1`).expect(200);
      await as(role)
        .post('/api/incident-templates')
        .send({ ...body(), key: `by_${role}` })
        .expect(403);
      await as(role)
        .put(`/api/incident-templates/${first.id}`)
        .send({ ...body(), version: 1 })
        .expect(403);
      await as(role).post(`/api/incident-templates/${first.id}/archive`).send({}).expect(403);
    }
  });

  it('creates a template as version 1 and logs it with the note', async () => {
    const res = await as('security')
      .post('/api/incident-templates')
      .send({ ...body(), key: 'credential_stuffing' })
      .expect(201);
    expect(res.body).toMatchObject({ key: 'credential_stuffing', currentVersion: 1, taskCount: 4, archived: false });
    expect(res.body.versions).toEqual([
      expect.objectContaining({ version: 1, createdBy: { id: ids.get('security'), name: 'Staff security' } }),
    ]);
    created = { id: res.body.id, version: res.body.version };
    const taken = await as('security')
      .post('/api/incident-templates')
      .send({ ...body(), key: 'credential_stuffing' })
      .expect(409);
    expect(taken.body.code).toBe('INCIDENT_TEMPLATE_KEY_TAKEN');
    const [event] = (await events()).filter((e) => e.action === 'create');
    expect(event).toMatchObject({
      actorId: ids.get('security'),
      purpose: 'First version of the credential-stuffing plan',
    });
    expect(event.detail).toMatchObject({ templateId: created.id, key: 'credential_stuffing', version: 1 });
  });

  it.each([
    [
      'TEMPLATE_CYCLE',
      [task('aa', ['cc']), task('bb', ['aa']), task('cc', ['bb'])],
      'tasks.0.dependsOn',
      /aa → cc → bb → aa/,
    ],
    ['TEMPLATE_UNKNOWN_PHASE', [task('aa', [], { phase: 'recovery' })], 'tasks.0.phase', /phases/],
    ['TEMPLATE_UNKNOWN_DEPENDENCY', [task('aa'), task('bb', ['ghost'])], 'tasks.1.dependsOn', /ghost/],
    ['TEMPLATE_DUPLICATE_KEY', [task('aa'), task('aa')], 'tasks.1.key', /aa/],
    ['TEMPLATE_OFFSET_OUT_OF_RANGE', [task('aa', [], { dueOffsetHours: 9000 })], 'tasks.0.dueOffsetHours', /8760/],
    ['TEMPLATE_EMPTY', [], 'tasks', /at least one/],
  ])('refuses %s with a 422 naming the rule and the field, and saves nothing', async (code, tasks, field, message) => {
    const res = await as('security')
      .put(`/api/incident-templates/${created.id}`)
      .send({ ...body({ tasks }), version: created.version })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(res.body.errors).toContainEqual({ field, code, message: expect.stringMatching(message) });
    const { body: detail } = await as('security').get(`/api/incident-templates/${created.id}`).expect(200);
    expect(detail.currentVersion).toBe(1);
  });

  it('names every task of a circle', async () => {
    const res = await as('security')
      .post('/api/incident-templates')
      .send({
        ...body({ tasks: [task('aa'), task('bb', ['cc']), task('cc', ['dd']), task('dd', ['bb'])] }),
        key: 'circular',
      })
      .expect(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'tasks.1.dependsOn',
      'tasks.2.dependsOn',
      'tasks.3.dependsOn',
    ]);
    expect(res.body.errors[0].message).toBe('Tasks depend on each other in a circle: bb → cc → dd → bb');
  });

  it('saves every edit as a new version, keeps the old ones readable, and refuses a stale version', async () => {
    const edited = body({
      name: { ko: '자격 증명 대입 공격 대응', en: 'Credential-stuffing response' },
      tasks: [
        ...body().tasks,
        task('notify_users', ['force_resets'], { phase: 'detection_analysis', dueOffsetHours: 72 }),
      ],
      note: 'Tell the people whose accounts were taken over',
    });
    const res = await as('security')
      .put(`/api/incident-templates/${created.id}`)
      .send({ ...edited, version: created.version })
      .expect(200);
    expect(res.body).toMatchObject({ currentVersion: 2, taskCount: 5, name: edited.name });
    expect(res.body.versions.map((v: { version: number; note: string }) => [v.version, v.note])).toEqual([
      [2, 'Tell the people whose accounts were taken over'],
      [1, 'First version of the credential-stuffing plan'],
    ]);
    const { body: v1 } = await as('auditor').get(`/api/incident-templates/${created.id}/versions/1`).expect(200);
    expect(v1).toMatchObject({ version: 1, taskCount: 4, name: { en: 'Credential stuffing' } });
    expect(v1.tasks.map((t: TemplateTask) => t.key)).not.toContain('notify_users');
    await as('auditor').get(`/api/incident-templates/${created.id}/versions/9`).expect(404);

    const stale = await as('security')
      .put(`/api/incident-templates/${created.id}`)
      .send({ ...edited, version: created.version })
      .expect(409);
    expect(stale.body.code).toBe('INCIDENT_TEMPLATE_VERSION_CONFLICT');
    expect((await as('security').get(`/api/incident-templates/${created.id}`)).body.currentVersion).toBe(2);
    created.version = res.body.version;

    // Refusals are logged as denied by the platform; one successful edit.
    const edits = (await events()).filter((e) => e.action === 'edit' && e.outcome === 'success');
    expect(edits).toHaveLength(1);
    expect(edits[0].detail).toMatchObject({ templateId: created.id, version: 2 });
    // The versions table is append-only, even for the database owner.
    await expect(server.db.query('UPDATE incident_template_versions SET note = $1', ['rewritten'])).rejects.toThrow(
      /append-only/,
    );
  });

  it('turns the current version into tasks due from awareness, in dependency order', async () => {
    const awareAt = new Date('2026-11-01T22:30:00Z');
    const { templateVersionId, tasks } = await server.app
      .get(IncidentTemplatesService)
      .instantiate(created.id, awareAt);
    const [{ id: v2 }]: { id: string }[] = await server.db.query(
      'SELECT id FROM incident_template_versions WHERE template_id = $1 AND version = 2',
      [created.id],
    );
    expect(templateVersionId).toBe(v2);
    expect(tasks.map((t) => [t.position, t.templateKey, t.phase, t.dueAt.toISOString(), t.dependsOn])).toEqual([
      [0, 'assemble_team', 'preparation', '2026-11-01T23:30:00.000Z', []],
      [1, 'block_ips', 'containment_eradication_recovery', '2026-11-02T00:30:00.000Z', ['assemble_team']],
      [2, 'force_resets', 'containment_eradication_recovery', '2026-11-02T10:30:00.000Z', ['block_ips']],
      // After what it depends on, although its phase comes earlier.
      [3, 'notify_users', 'detection_analysis', '2026-11-04T22:30:00.000Z', ['force_resets']],
      [4, 'lessons_learned', 'post_incident', '2026-11-15T22:30:00.000Z', ['force_resets']],
    ]);
    expect(tasks[0].title).toEqual({ ko: 'assemble_team 작업', en: 'assemble_team task' });

    const leak = (await server.db.query("SELECT id FROM incident_templates WHERE key = 'personal_data_leak'"))[0]
      .id as string;
    const drafts = (await server.app.get(IncidentTemplatesService).instantiate(leak, awareAt)).tasks;
    const notice = drafts.find((t) => t.templateKey === 'notify_people_kr')!;
    expect(notice.dueAt.toISOString()).toBe('2026-11-04T22:30:00.000Z');
    const seen = new Set<string>();
    for (const draft of drafts) {
      expect(draft.dependsOn.every((k) => seen.has(k))).toBe(true);
      seen.add(draft.templateKey);
    }
    // An incident names the version its tasks came from; an unknown version is refused.
    const [fk]: { def: string }[] = await server.db.query(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'incidents_template_version_fk'",
    );
    expect(fk.def).toBe('FOREIGN KEY (template_version_id) REFERENCES incident_template_versions(id)');
  });

  it('archives: no new incident, no edit, the versions still readable', async () => {
    const res = await as('security').post(`/api/incident-templates/${created.id}/archive`).send({}).expect(200);
    expect(res.body).toMatchObject({ archived: true, currentVersion: 2 });
    await expect(
      server.app.get(IncidentTemplatesService).instantiate(created.id, new Date('2026-11-01T00:00:00Z')),
    ).rejects.toMatchObject({
      code: 'INCIDENT_TEMPLATE_ARCHIVED',
    });
    const edit = await as('security')
      .put(`/api/incident-templates/${created.id}`)
      .send({ ...body(), version: res.body.version })
      .expect(422);
    expect(edit.body.code).toBe('INCIDENT_TEMPLATE_ARCHIVED');
    await as('dpo').get(`/api/incident-templates/${created.id}/versions/1`).expect(200);
    const active = await as('security')
      .get('/api/incident-templates')
      .query({ filter: JSON.stringify({ archived: false }) })
      .expect(200);
    expect(active.body.map((r: { key: string }) => r.key)).toEqual(DEFAULT_KEYS);
    expect((await events()).filter((e) => e.outcome === 'success').at(-1)!.detail).toMatchObject({ archived: true });
  });

  it('answers 404 for an unknown template and 422 for a bad id', async () => {
    const missing = await as('security')
      .get('/api/incident-templates/00000000-0000-4000-8000-000000000000')
      .expect(404);
    expect(missing.body.code).toBe('INCIDENT_TEMPLATE_NOT_FOUND');
    await as('security').get('/api/incident-templates/not-an-id').expect(422);
  });
});
