import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../calendar/clock';
import { exactDaysBefore } from '../calendar/instant';
import type { ComplaintCategory, ComplaintChannel, ComplaintSeverity } from '../complaints/complaint-types';
import { ComplaintsService } from '../complaints/complaints.service';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { demoContext } from './demo-context';
import { DEMO_PEOPLE } from './demo-people';

interface DemoComplaint {
  daysAgo: number;
  channel: ComplaintChannel;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  summary: string;
  /** Index into DEMO_PEOPLE, when the complaint is about one of them. */
  person?: number;
  by: 'dpo' | 'support';
  then?: ('investigate' | 'assign' | 'kisa' | 'kopico' | 'resolve' | 'close')[];
}

// Made-up complaints across the inbox's states and ages (today minus `daysAgo`).
const DEMO_COMPLAINTS: DemoComplaint[] = [
  {
    daysAgo: 1,
    channel: 'phone',
    category: 'unwanted_marketing',
    severity: 'medium',
    summary: '마케팅 수신을 거부했는데도 상담 할인 문자가 계속 온다고 전화로 항의함.',
    person: 0,
    by: 'support',
  },
  {
    daysAgo: 5,
    channel: 'email',
    category: 'access_refused',
    severity: 'high',
    summary: 'Asked for a copy of their counselling records two weeks ago and says nobody answered.',
    person: 1,
    by: 'dpo',
    then: ['assign', 'investigate'],
  },
  {
    daysAgo: 8,
    channel: 'dpo_mailbox',
    category: 'third_party_sharing',
    severity: 'medium',
    summary: '보호자가 자녀 상담 결과가 학교에 전달되었는지 문의함.',
    by: 'dpo',
  },
  {
    daysAgo: 13,
    channel: 'letter',
    category: 'breach_concern',
    severity: 'critical',
    summary: '다른 사람의 예약 내역이 앱에 보였다는 서면 민원. 민원인이 118에도 신고했다고 함.',
    person: 2,
    by: 'dpo',
    then: ['assign', 'kisa'],
  },
  {
    daysAgo: 19,
    channel: 'in_app',
    category: 'consent',
    severity: 'low',
    summary: 'Could not find where to withdraw consent to session recordings.',
    by: 'support',
    then: ['resolve'],
  },
  {
    daysAgo: 34,
    channel: 'email',
    category: 'excessive_collection',
    severity: 'medium',
    summary: '가입 시 주민등록번호 뒷자리를 요구받았다는 민원.',
    by: 'dpo',
    then: ['resolve', 'kopico', 'close'],
  },
];

/**
 * A handful of complaints in every state for the demo DPO's inbox, through the complaints service
 * (targets on the calendar, timeline and access-log events as in real use). Only on an empty inbox.
 */
export async function ensureDemoComplaints(app: INestApplicationContext): Promise<number> {
  const complaints = app.get(ComplaintsService);
  if ((await complaints.count()) > 0) return 0;
  const staff = app.get(StaffService);
  const dpo = await demoContext(staff, 'dpo');
  const support = await demoContext(staff, 'support');
  if (dpo === null || support === null) return 0;
  const names = app.get(SubjectNamesService);
  const people = await Promise.all(
    DEMO_PEOPLE.slice(0, 3).map(async (p) => (await names.pick(p.phone, false, 1)).rows[0]?.id ?? null),
  );
  const now = app.get(Clock).now();
  for (const c of DEMO_COMPLAINTS) {
    const subjectId = c.person === undefined ? null : people[c.person];
    const { id } = await complaints.create(c.by === 'dpo' ? dpo : support, {
      receivedAt: exactDaysBefore(now, c.daysAgo).toISOString(),
      channel: c.channel,
      category: c.category,
      severity: c.severity,
      summary: c.summary,
      ...(subjectId === null ? {} : { subjectId }),
    });
    for (const step of c.then ?? []) {
      switch (step) {
        case 'investigate':
          await complaints.update(dpo, id, { status: 'investigating' });
          break;
        case 'assign':
          await complaints.assign(dpo, id, { assigneeId: dpo.id });
          break;
        case 'kisa':
          await complaints.escalate(dpo, id, { body: 'kisa_118', reference: '118-DEMO-0413' });
          break;
        case 'kopico':
          await complaints.escalate(dpo, id, { body: 'kopico', note: '분쟁조정 신청 통지를 받음' });
          break;
        case 'resolve':
          await complaints.resolve(dpo, id, { resolution: '경위를 확인하고 민원인에게 처리 결과를 안내함.' });
          break;
        case 'close':
          await complaints.update(dpo, id, { status: 'closed' });
          break;
        default: {
          const unknown: never = step;
          throw new Error(`Unknown demo step ${String(unknown)}`);
        }
      }
    }
  }
  return DEMO_COMPLAINTS.length;
}
