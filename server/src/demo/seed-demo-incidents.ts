import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../calendar/clock';
import { exactDaysBefore, hoursAfter } from '../calendar/instant';
import type { StaffContext } from '../context/staff-context';
import { Transactions } from '../database/transactions';
import type { CreateIncidentDto } from '../incidents/dto/incident-requests.dto';
import type { IncidentDetail } from '../incidents/dto/incident-response.dto';
import { IncidentAffectedService } from '../incidents/affected/affected.service';
import { IncidentTasksService } from '../incidents/incident-tasks.service';
import type { IncidentStatus } from '../incidents/incident-types';
import { IncidentsService } from '../incidents/incidents.service';
import { IncidentNoticesService } from '../incidents/notices/incident-notices.service';
import { IncidentTemplatesService } from '../incidents/templates/incident-templates.service';
import { RegistersService } from '../registers/registers.service';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { demoContext } from './demo-context';
import { DEMO_PEOPLE } from './demo-people';

/** The demo incidents: how many, and the one whose 72-hour clocks are running (for the start message). */
export interface DemoIncidents {
  created: number;
  running: string | null;
}

type Who = 'security' | 'dpo';

/**
 * Four made-up breaches of the two services in the demo registers, in the states an incident
 * desk has: an open hacking case with its 72-hour clocks under a day (Shelby), a misdirected
 * e-mail whose one person was told (Shelby), a lost encrypted laptop assessed "unlikely to result
 * in a risk" and closed (MaumJuui, EU), and a vendor breach under HIPAA and PIPA whose HHS report
 * went in late with its reasons (MaumJuui, US). Awareness is relative to now, so the clocks are
 * live on any day. Everything goes through the services (obligations from the rules, tasks from
 * the default templates, timeline and access-log events as in real use). Only when there are none.
 */
export async function ensureDemoIncidents(app: INestApplicationContext): Promise<DemoIncidents> {
  const none: DemoIncidents = { created: 0, running: null };
  // The incidents service lists only with an access-log event; whether any exist is no one's data.
  const [{ any }]: { any: boolean }[] = await app
    .get(Transactions)
    .manager.query('SELECT EXISTS (SELECT 1 FROM incidents) AS "any"');
  if (any) return none;
  const staff = app.get(StaffService);
  const security = await demoContext(staff, 'security');
  const dpo = await demoContext(staff, 'dpo');
  if (security === null || dpo === null) return none;
  const seed = new IncidentSeed(app, { security, dpo }, app.get(Clock).now());
  // Oldest first: the references follow awareness.
  await seed.vendorBreach();
  await seed.lostLaptop();
  const running = await seed.bookingServerHack();
  await seed.misdirectedEmail();
  return { created: 4, running };
}

class IncidentSeed {
  private readonly incidents: IncidentsService;
  private readonly tasks: IncidentTasksService;
  private readonly templates: IncidentTemplatesService;
  private readonly affected: IncidentAffectedService;
  private readonly notices: IncidentNoticesService;
  private readonly registers: RegistersService;
  private readonly names: SubjectNamesService;

  constructor(
    app: INestApplicationContext,
    private readonly as: Record<Who, StaffContext>,
    private readonly now: Date,
  ) {
    this.incidents = app.get(IncidentsService);
    this.tasks = app.get(IncidentTasksService);
    this.templates = app.get(IncidentTemplatesService);
    this.affected = app.get(IncidentAffectedService);
    this.notices = app.get(IncidentNoticesService);
    this.registers = app.get(RegistersService);
    this.names = app.get(SubjectNamesService);
  }

  /** 1. Shelby: the booking server hacked ~50 hours ago; the PIPA notice and report are due within the day. */
  async bookingServerHack(): Promise<string> {
    const awareAt = hoursAfter(this.now, -50);
    let d = await this.open('personal_data_leak', {
      title: '예약 서버 외부 침입: 상담 예약 정보 유출 의심',
      description:
        '웹방화벽 경보로 예약 API 서버의 관리자 페이지 인증 우회 취약점을 통한 외부 접근을 확인함. ' +
        '보호자 이름·연락처와 상담 예약 내역(일시, 상담 방식, 상담 희망 분야, 아이 성별·나이)이 조회·반출된 것으로 추정.',
      detectedAt: iso(hoursAfter(awareAt, -3)),
      awareAt: iso(awareAt),
      reporter: '보안관제 (웹방화벽 경보)',
      vector: 'outside_hacking',
      systems: ['Shelby 예약 API 서버', '웹방화벽'],
      dataCategories: ['identity', 'contact', 'counseling'],
      regimes: ['KR-PIPA'],
      affectedEstimated: 1240,
      riskLevel: 'high',
    });
    d = await this.status(d, 'investigating');
    d = await this.complete(d, ['assemble_team', 'preserve_logs', 'isolate_server', 'reset_credentials']);
    d = await this.complete(d, ['scope_breach'], {
      scope_breach:
        '침입 지점: 예약 관리자 페이지(/admin/bookings) 인증 우회. 침입 기간 약 6시간, 관련 계정 2개 비활성화.',
    });
    d = await this.complete(d, ['confirm_contacts', 'assess_people'], {
      assess_people:
        '예약 테이블 조회 로그 기준 약 1,240명 추정. 주민등록번호 등 고유식별정보와 결제정보는 해당 서버에 없음.',
    });
    await this.affected.select(this.as.security, d.id, { by: 'category', category: 'counseling' });
    await this.krNotice(d, {
      circumstances:
        '외부 공격자가 예약 서버 관리자 페이지의 인증 우회 취약점을 이용해 상담 예약 정보를 조회·반출한 것으로 확인되었습니다.',
      ourResponse:
        '해당 서버를 격리하고 취약점이 있는 관리자 페이지를 차단했으며, 관리자 비밀번호와 접속 키를 모두 재설정했습니다. ' +
        '개인정보보호위원회와 한국인터넷진흥원에 신고하고 있으며, 추가 피해가 없는지 계속 감시하고 있습니다.',
    });
    return d.reference;
  }

  /** 2. Shelby: a booking confirmation e-mailed to another parent; the one person was told the same day. */
  async misdirectedEmail(): Promise<void> {
    const awareAt = hoursAfter(this.now, -44);
    let d = await this.open('misdirected_message', {
      title: '상담 예약 확인 메일 오발송 (보호자 1명)',
      description:
        '주소 자동 완성 오류로 보호자 1명의 상담 예약 확인 메일이 다른 보호자에게 발송됨. ' +
        '메일에는 보호자 이름, 상담 일시와 방식, 상담 희망 분야가 포함됨. 수신자가 고객센터에 알려 왔고 삭제를 확인함.',
      detectedAt: iso(hoursAfter(awareAt, -1)),
      awareAt: iso(awareAt),
      reporter: '고객센터 (잘못 받은 보호자의 전화)',
      vector: 'misdelivery',
      systems: ['알림 발송(이메일)'],
      dataCategories: ['identity', 'contact', 'counseling'],
      regimes: ['KR-PIPA'],
      affectedEstimated: 1,
      affectedConfirmed: 1,
      riskLevel: 'low',
    });
    d = await this.complete(d, ['record_report', 'recall_message', 'identify_recipients', 'ask_recipient_delete']);
    d = await this.complete(d, ['assess_content', 'confirm_deletion', 'assess_risk'], {
      confirm_deletion: '잘못 받은 보호자가 메일과 사본을 모두 삭제했다고 회신함(회신 메일 보관).',
    });
    const guardian = DEMO_PEOPLE.find((p) => p.key === 'childFinding')!;
    const personId = (await this.names.pick(guardian.phone, false, 1)).rows[0]?.id;
    if (personId !== undefined) {
      await this.affected.select(this.as.security, d.id, { by: 'ids', subjectIds: [personId] });
    }
    const notice = await this.krNotice(d, {
      circumstances:
        '상담 예약 확인 메일이 주소 자동 완성 오류로 다른 보호자 한 분께 잘못 발송되었습니다. 받은 분이 바로 알려 주셨고, 메일을 삭제했음을 확인했습니다.',
      whatYouCanDo: '추가로 하실 일은 없습니다. Shelby를 사칭한 연락을 받으시면 아래 연락처로 알려 주십시오.',
      ourResponse:
        '잘못 받은 분께 메일과 모든 사본의 삭제를 요청해 삭제 확인을 받았고, 발송 전 수신 주소를 한 번 더 확인하도록 발송 절차를 고쳤습니다.',
    });
    if (personId !== undefined) {
      await this.affected.notify(this.as.dpo, d.id, { obligationCode: 'kr_subjects', noticeId: notice });
    }
    d = await this.incidents.obligationDone(this.as.dpo, d.id, 'kr_subjects', {});
    d = await this.complete(d, ['notify_people_kr']);
    await this.status(d, 'contained');
  }

  /** 3. MaumJuui (EU): an encrypted laptop lost; the DPO found a risk unlikely, and it is closed. */
  async lostLaptop(): Promise<void> {
    const awareAt = exactDaysBefore(this.now, 12);
    let d = await this.open('lost_device', {
      title: 'Counselor laptop lost on a train (Berlin)',
      description:
        "A counselor's company laptop was left on a regional train in Berlin. It holds the desktop app's offline " +
        'cache of session notes for the counselor’s EU clients. Full-disk encryption (AES-256) was on and the ' +
        'screen was locked; it has not been found.',
      detectedAt: iso(hoursAfter(awareAt, -2)),
      awareAt: iso(awareAt),
      reporter: 'The counselor, by phone to the security lead',
      vector: 'loss_theft',
      systems: ['Managed counselor laptop', 'MaumJuui desktop app (offline cache)'],
      dataCategories: ['identity', 'contact', 'counseling', 'health'],
      regimes: ['EU-GDPR'],
      affectedEstimated: 37,
      affectedConfirmed: 37,
      sensitiveData: true,
      dataEncrypted: true,
      riskLevel: 'medium',
    });
    d = await this.complete(d, ['record_report', 'check_encryption', 'list_data'], {
      check_encryption:
        'Device management shows full-disk encryption on and compliant at the last check-in, 3 hours before the loss.',
    });
    d = await this.incidents.assess(this.as.dpo, d.id, {
      euRisk: 'unlikely',
      reasons:
        'The disk is encrypted with AES-256 and the key is not on the device; the screen was locked and sign-in ' +
        'needs MFA. The data is unintelligible to whoever finds it (GDPR Art. 34(3)(a); EDPB Guidelines 9/2022, ' +
        'the encrypted-device example), and a copy is on the server, so availability is not lost either. A risk to ' +
        'the clients is unlikely: no report to the supervisory authority (Art. 33(1)); recorded in the register (Art. 33(5)).',
    });
    d = await this.complete(
      d,
      d.tasks.flatMap((t) => (t.completedAt === null && t.templateKey ? [t.templateKey] : [])),
      {
        notify_people_kr: 'Not applicable: EU clients of a Berlin counselor, under the GDPR only.',
        report_gdpr_authority: 'Not required: the DPO assessed a risk to the clients as unlikely (see the decision).',
        remote_wipe: 'Device locked and a remote wipe queued in device management; it has not connected since.',
        police_report: 'Reported to the Berlin police as lost property.',
      },
    );
    d = await this.status(d, 'contained');
    d = await this.status(d, 'recovered');
    await this.incidents.close(this.as.dpo, d.id, {
      lessonsLearned:
        'Encryption and MFA did their job. The offline cache kept 12 months of notes where 30 days would do: ' +
        'it is now limited to 30 days, and counselors are reminded not to leave devices unattended when travelling.',
      registerFacts:
        'Company laptop of one counselor lost on a train in Berlin; offline cache of session notes of 37 EU clients; ' +
        'full-disk encryption on, screen locked.',
      registerEffects:
        'No known access to the data; a remote wipe is queued for when the device connects. Risk to the clients ' +
        'assessed as unlikely (encrypted, key not compromised).',
      registerRemedialAction:
        'Device locked and removed from device management, sessions and tokens revoked, police report filed; offline ' +
        'cache shortened to 30 days.',
      version: d.version,
    });
  }

  /** 4. MaumJuui (US and KR): a vendor breach, 620 clients; every notice sent, the HHS report late with reasons. */
  async vendorBreach(): Promise<void> {
    const awareAt = exactDaysBefore(this.now, 62);
    const gateway = (await this.registers.forSubjectExport('maumjuui'))?.processors.find(
      (p) => p.recipient.en === 'Payment Gateways',
    );
    let d = await this.open('vendor_breach', {
      title: 'Payment gateway breach: US clients’ payment records exposed',
      description:
        'The payment gateway (our processor) reported unauthorised access to its transaction database. Our clients’ ' +
        'records there hold name, e-mail, phone, the last four card digits and the counseling package bought, which ' +
        'is PHI under HIPAA. The vendor’s forensic report confirmed 620 of our clients, 540 of them in California.',
      detectedAt: iso(exactDaysBefore(awareAt, 2)),
      awareAt: iso(awareAt),
      reporter: 'The payment gateway’s security team, by e-mail to the DPO',
      vector: 'vendor',
      systems: ['Payment gateway (processor)'],
      ...(gateway === undefined ? {} : { processorIds: [gateway.id] }),
      dataCategories: ['identity', 'contact', 'payment', 'health'],
      regimes: ['US-HIPAA', 'KR-PIPA'],
      affectedEstimated: 620,
      affectedConfirmed: 620,
      usLargestStateCount: 540,
      sensitiveData: true,
      riskLevel: 'high',
    });
    d = await this.status(d, 'investigating');
    d = await this.complete(d, [
      'assemble_team',
      'check_contract',
      'suspend_transfers',
      'rotate_shared_secrets',
      'get_vendor_report',
      'identify_data',
      'assess_risk',
      'notify_people_kr',
      'report_pipc_kisa',
    ]);
    d = await this.done(d, 'kr_subjects', hoursAfter(awareAt, 60));
    d = await this.done(d, 'kr_regulator', hoursAfter(awareAt, 66), { externalReference: 'PIPC-DEMO-2026-0187' });
    d = await this.done(d, 'us_individuals', exactDaysBefore(this.now, 17));
    d = await this.done(d, 'us_media', exactDaysBefore(this.now, 17));
    const hhs = d.obligations.find((o) => o.code === 'us_hhs');
    if (hhs?.dueAt) {
      await this.done(d, 'us_hhs', hoursAfter(new Date(hhs.dueAt), 18), {
        lateReason:
          'The HHS breach portal refused the first submission on day 58 because the state counts were missing from ' +
          'the vendor’s report; the corrected submission went in on day 61.',
        externalReference: 'HHS-OCR-DEMO-0620',
      });
    }
  }

  // ---- steps -------------------------------------------------------------------------------

  private roles = new Map<string, Map<string, Who>>();

  /** Security opens the incident from a default template, and owns it. */
  private async open(
    templateKey: string,
    facts: Omit<CreateIncidentDto, 'templateId' | 'ownerId'>,
  ): Promise<IncidentDetail> {
    const { rows } = await this.templates.list(this.as.security, {
      sortField: 'key',
      sortOrder: 'ASC',
      offset: 0,
      limit: 50,
      filter: {},
    });
    const template = rows.find((t) => t.key === templateKey);
    if (template !== undefined && !this.roles.has(templateKey)) {
      const { tasks } = await this.templates.get(this.as.security, template.id);
      this.roles.set(templateKey, new Map(tasks.map((t) => [t.key, t.role === 'dpo' ? 'dpo' : 'security'])));
    }
    return this.incidents.create(this.as.security, {
      ...facts,
      ownerId: this.as.security.id,
      ...(template === undefined ? {} : { templateId: template.id }),
    });
  }

  /** Completes the template's tasks by key, each by the role the template gives it, with an optional note. */
  private async complete(d: IncidentDetail, keys: string[], notes: Record<string, string> = {}) {
    const roles = (d.template && this.roles.get(d.template.key)) ?? new Map<string, Who>();
    let current = d;
    for (const key of keys) {
      const task = current.tasks.find((t) => t.templateKey === key);
      if (task === undefined || task.completedAt !== null) continue;
      current = await this.tasks.update(this.as[roles.get(key) ?? 'security'], d.id, task.id, {
        completed: true,
        ...(notes[key] === undefined ? {} : { note: notes[key] }),
        version: task.version,
      });
    }
    return current;
  }

  private status(d: IncidentDetail, status: Exclude<IncidentStatus, 'closed'>): Promise<IncidentDetail> {
    return this.incidents.setStatus(this.as.security, d.id, { status, version: d.version });
  }

  private done(
    d: IncidentDetail,
    code: string,
    at: Date,
    more: { lateReason?: string; externalReference?: string } = {},
  ): Promise<IncidentDetail> {
    return this.incidents.obligationDone(this.as.dpo, d.id, code, { doneAt: iso(at), ...more });
  }

  /**
   * The DPO's PIPA Art. 34 notice in Korean: the prefill from the facts, with what happened and
   * what was done in words, and Shelby's privacy officer (from its register) as the contact.
   */
  private async krNotice(d: IncidentDetail, text: Record<string, string>): Promise<string> {
    const { content } = await this.notices.prefill(this.as.dpo, d.id, { kind: 'kr_subject_notice', locale: 'ko' });
    const shelby = await this.registers.forSubjectExport('shelby');
    const contact = shelby?.activities.find((a) => a.dpoContact)?.dpoContact;
    const saved = await this.notices.save(this.as.dpo, d.id, {
      kind: 'kr_subject_notice',
      locale: 'ko',
      content: { ...content, ...(contact ? { contact } : {}), ...text },
    });
    return saved.id;
  }
}

const iso = (at: Date) => at.toISOString();
