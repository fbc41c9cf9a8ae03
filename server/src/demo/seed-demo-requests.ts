import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../calendar/clock';
import { exactDaysBefore } from '../calendar/instant';
import type { StaffContext } from '../context/staff-context';
import { governingDueOn, type Regime } from '../rights-requests/deadlines/request-deadlines';
import type {
  CreateRightsRequestDto,
  ExtendDto,
  PrepareDto,
  RejectDto,
} from '../rights-requests/dto/rights-request.dto';
import type { RequestType } from '../rights-requests/rights-request-types';
import { RightsRequestsService, type DeadlineState } from '../rights-requests/rights-requests.service';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService } from '../subjects/subject-names.service';
import { SubjectsService } from '../subjects/subjects.service';
import { demoContext } from './demo-context';
import { DEMO_PEOPLE } from './demo-people';

type IdentityCheckMethod = Parameters<SubjectsService['recordIdentityCheck']>[2]['method'];
type DemoStep = 'verify' | 'start' | 'prepare' | 'submit' | 'execute' | 'complete' | 'extend' | 'reject';

interface DemoRequest {
  /** DEMO_PEOPLE key of the person the request is about, or of the guardian asking for their under-14 child. */
  person: string;
  forChild?: boolean;
  type: RequestType;
  channel: CreateRightsRequestDto['channel'];
  regimes?: Regime[];
  details?: CreateRightsRequestDto['details'];
  representationEvidence?: string;
  /** Who takes it in: support's intake is theirs; the DPO's stays the DPO's. */
  by: 'dpo' | 'support';
  /** Receipt this many days before today: the first candidate whose deadline chip shows `chip` (weekends and holidays move due dates). */
  daysAgo: number[];
  chip?: DeadlineState;
  /** How support checked the requester's identity (the guardian's, for a child). */
  identity?: IdentityCheckMethod;
  steps: DemoStep[];
  prepare?: PrepareDto;
  extend?: ExtendDto;
  reject?: RejectDto;
}

// Made-up requests over the demo people, one in each state a working inbox has. The closed ones
// were answered (today) within their 10 days.
const DEMO_REQUESTS: DemoRequest[] = [
  {
    person: 'notesClient',
    type: 'access',
    channel: 'in_app',
    details: { items: ['items', 'purposes', 'retention', 'third_parties'] },
    by: 'support',
    daysAgo: [0],
    steps: [],
  },
  {
    person: 'recordingFinding',
    type: 'erasure',
    channel: 'email',
    details: {
      categories: ['recordings', 'counseling'],
      reason: '동의 없이 녹음된 상담 기록을 지워 달라는 요청',
    },
    by: 'support',
    daysAgo: [8, 7, 9, 6],
    chip: 'at_risk',
    identity: 'phone_otp',
    steps: ['verify', 'start'],
  },
  {
    person: 'phiFinding',
    type: 'consent_withdrawal',
    channel: 'phone',
    details: { purposes: ['marketing'], note: '상담 할인 문자 수신 동의 철회' },
    by: 'support',
    daysAgo: [15, 17, 19],
    chip: 'overdue',
    identity: 'callback_registered_phone',
    steps: ['verify', 'start'],
  },
  {
    person: 'englishClient',
    type: 'access',
    channel: 'email',
    regimes: ['EU-GDPR'],
    details: { items: ['items', 'purposes', 'retention', 'third_parties', 'source'] },
    by: 'support',
    daysAgo: [20],
    identity: 'email_link',
    steps: ['verify', 'start', 'extend'],
    extend: {
      regime: 'EU-GDPR',
      reasons:
        'Ten years of session notes and recordings across two counselors: the third-party content must be reviewed for redaction before release.',
    },
  },
  {
    person: 'dormantGuardian',
    forChild: true,
    type: 'erasure',
    channel: 'phone',
    representationEvidence: '가족관계증명서 (2026-DEMO-0412), 보호자 본인 확인',
    details: { categories: ['identity', 'contact', 'counseling', 'sensitive', 'payments'] },
    by: 'support',
    daysAgo: [3],
    identity: 'guardian_document',
    steps: ['verify', 'start', 'prepare', 'submit'],
  },
  {
    person: 'childFinding',
    type: 'rectification',
    channel: 'letter',
    details: { field: 'residence', reason: '이사로 거주지 변경' },
    by: 'dpo',
    daysAgo: [6],
    identity: 'id_document',
    steps: ['verify', 'start', 'prepare', 'execute', 'complete'],
    prepare: { change: { field: 'residence', value: '서울특별시 마포구' } },
  },
  {
    person: 'supervisionFinding',
    type: 'restriction',
    channel: 'dpo_mailbox',
    regimes: ['KR-PIPA', 'EU-GDPR'],
    details: {
      reason: 'Contests that a session recording was shared with a supervisor; processing suspended meanwhile.',
    },
    by: 'dpo',
    daysAgo: [9],
    identity: 'video_call',
    steps: ['verify', 'start', 'prepare', 'execute', 'complete'],
    prepare: { note: 'Processing suspended while the supervision disclosure is examined (GDPR Art. 18(1)(a)).' },
  },
  {
    person: 'lockedClient',
    type: 'access',
    channel: 'email',
    details: { items: ['items'] },
    by: 'dpo',
    daysAgo: [5],
    steps: ['reject'],
    reject: {
      // A PIPA request is refused only on the law's grounds (Art. 35(4)).
      refusalReason: 'others_interests',
      refusalText:
        '요청하신 부부 상담 기록에는 함께 상담받은 배우자의 진술이 담겨 있어, 열람하시면 그분의 이익을 부당하게 침해할 우려가 있으므로 열람을 거절합니다(개인정보 보호법 제35조 제4항 제2호). 본인이 제공한 정보는 별도로 열람하실 수 있습니다.',
      remedyText:
        '이 결정에 이의가 있으시면 통지를 받은 날부터 7일 이내에 개인정보 보호책임자에게 이의를 제기하시거나, 개인정보침해신고센터(국번 없이 118) 또는 개인정보분쟁조정위원회(1833-6972)에 신청하실 수 있습니다.',
    },
  },
];

/**
 * Rights requests across the states, due dates and roles of a working inbox, taken in and worked
 * through the rights-requests service as support and the DPO would (timelines, letters, recipient
 * tasks and access-log events as in real use). The guardian's erasure waits for a DPO's approval:
 * support prepared it, so the demo DPO may approve it. Only on an empty list.
 */
export async function ensureDemoRequests(app: INestApplicationContext): Promise<number> {
  const requests = app.get(RightsRequestsService);
  if ((await requests.count()) > 0) return 0;
  const staff = app.get(StaffService);
  const dpo = await demoContext(staff, 'dpo');
  const support = await demoContext(staff, 'support');
  if (dpo === null || support === null) return 0;
  const subjects = app.get(SubjectsService);
  const names = app.get(SubjectNamesService);
  const now = app.get(Clock).now();
  let created = 0;
  for (const r of DEMO_REQUESTS) {
    const spec = DEMO_PEOPLE.find((p) => p.key === r.person)!;
    const personId = (await names.pick(spec.phone, false, 1)).rows[0]?.id;
    if (personId === undefined) continue;
    // The child, as support finds them: on the guardian's profile.
    const subjectId = r.forChild
      ? (await subjects.profile(support, personId)).children.find((c) => c.under14)?.id
      : personId;
    if (subjectId === undefined) continue;
    // Whoever takes it in works on it: support's intake is assigned to them.
    const worker = r.by === 'dpo' ? dpo : support;
    const { id } = await requests.create(worker, {
      subjectId,
      type: r.type,
      channel: r.channel,
      relation: r.forChild ? 'legal_representative' : 'self',
      ...(r.forChild ? { requesterSubjectId: personId, representationEvidence: r.representationEvidence } : {}),
      ...(r.regimes ? { regimes: r.regimes } : {}),
      ...(r.details ? { details: r.details } : {}),
      receivedAt: (await receivedAt(requests, now, r)).toISOString(),
    });
    for (const step of r.steps) {
      switch (step) {
        case 'verify': {
          // Support checks who is asking (the guardian, for the child), as they would on the phone.
          const check = await subjects.recordIdentityCheck(support, personId, {
            method: r.identity ?? 'phone_otp',
            evidenceRef: `DEMO-${r.type}-${spec.key}`,
          });
          await requests.verify(worker, id, { identityCheckId: check.id });
          break;
        }
        case 'start':
          await requests.start(worker, id);
          break;
        case 'prepare':
          await requests.prepare(worker, id, r.prepare ?? (await erasurePlan(requests, worker, id)));
          break;
        case 'submit':
          await requests.submit(worker, id);
          break;
        case 'execute':
          await requests.execute(dpo, id);
          break;
        case 'complete': {
          // Each recipient told: the first confirmed, the rest never held this person's data.
          const { tasks } = await requests.detail(dpo, id);
          for (const [i, task] of tasks.filter((t) => t.status === 'open').entries()) {
            await requests.updateTask(
              dpo,
              id,
              task.id,
              i === 0
                ? { status: 'done', evidence: 'Recipient confirmed by e-mail the same day' }
                : { status: 'excepted', exceptionReason: 'This recipient never received this person’s data.' },
            );
          }
          await requests.complete(dpo, id, { result: 'completed' });
          break;
        }
        case 'extend':
          await requests.extend(dpo, id, r.extend!);
          break;
        case 'reject':
          await requests.reject(dpo, id, r.reject!);
          break;
        default: {
          const unknown: never = step;
          throw new Error(`Unknown demo step ${String(unknown)}`);
        }
      }
    }
    created += 1;
  }
  return created;
}

/** The first candidate receipt whose deadline chip shows the colour wanted (due dates roll past weekends and holidays). */
async function receivedAt(requests: RightsRequestsService, now: Date, r: DemoRequest): Promise<Date> {
  for (const days of r.daysAgo) {
    const at = exactDaysBefore(now, days);
    if (r.chip === undefined) return at;
    const clocks = await requests.clocksOf({
      regimes: r.regimes ?? ['KR-PIPA'],
      receivedAt: at,
      type: r.type,
      extensions: [],
      acknowledgedAt: at,
      closedAt: null,
    });
    const dueOn = governingDueOn(clocks)!;
    if (requests.deadlineOf({ dueOn, receivedAt: at, status: 'in_progress' }).deadlineState === r.chip) return at;
  }
  return exactDaysBefore(now, r.daysAgo[0]);
}

/** An erasure as the proposal suggests it: what a statute holds retained under its rule, the rest erased. */
async function erasurePlan(requests: RightsRequestsService, ctx: StaffContext, id: string): Promise<PrepareDto> {
  const proposal = await requests.erasureProposal(ctx, id);
  return {
    decisions: proposal.categories.map((c) =>
      c.hold === null
        ? { category: c.category, action: 'erase' }
        : { category: c.category, action: 'retain', retentionRuleCode: c.hold.retentionRuleCode },
    ),
  };
}
