import type { DocumentBlock, DocumentInput } from '../../outbox/document-renderer';
import type { Language } from '../../outbox/outbox-types';
import { INCIDENT_PHASES } from '../incident-types';
import type { RegisterRow, ReportTask, ReportTimelineEntry } from './incident-register.repository';
import {
  EU_RISK_LABELS,
  labelIn,
  OBLIGATION_STATUS_LABELS,
  obligationLabel,
  PHASE_LABELS,
  RISK_LABELS,
  STATUS_LABELS,
  VECTOR_LABELS,
} from './register-labels';

export interface ReportInput {
  incident: RegisterRow;
  tasks: ReportTask[];
  timeline: ReportTimelineEntry[];
  timeZone: string;
  generatedAt: string;
}

/** A timeline entry's detail as one short line: ids, codes and figures only (the table holds no names). */
const detailLine = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(', ');

/** The per-incident report: facts, notifications, checklist by phase, timeline, review and register fields. */
export function incidentReport(input: ReportInput, lang: Language): DocumentInput {
  const t = (ko: string, en: string) => (lang === 'ko' ? ko : en);
  const i = input.incident;
  const none = t('없음', 'none');
  const orNone = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));
  const yes = (v: boolean) => (v ? t('예', 'Yes') : t('아니오', 'No'));
  const zone = ` (${input.timeZone})`;
  const facts: [string, string][] = [
    [t('참조번호', 'Reference'), i.reference],
    [t('제목', 'Title'), i.title],
    [t('상태', 'Status'), labelIn(STATUS_LABELS, i.status, lang)],
    [t('탐지 일시', 'Detected at') + zone, i.detectedAt],
    [t('인지 일시', 'Became aware at') + zone, i.awareAt],
    [t('신고자', 'Reported by'), i.reporter],
    [t('유출 경위', 'Vector'), labelIn(VECTOR_LABELS, i.vector, lang)],
    [t('관련 시스템', 'Systems'), i.systems.join(', ') || none],
    [t('관련 수탁자 수', 'Processors involved'), String(i.processorCount)],
    [t('유출 항목', 'Data categories'), i.dataCategories.join(', ') || none],
    [t('적용 법령', 'Regimes'), i.regimes.join(', ') || none],
    [t('정보주체 수(추정)', 'People affected (estimated)'), String(i.affectedEstimated)],
    [t('정보주체 수(확인)', 'People affected (confirmed)'), orNone(i.affectedConfirmed)],
    [t('미국 단일 주 최대 인원', 'Largest US state count'), orNone(i.usLargestStateCount)],
    [t('민감정보', 'Sensitive data'), yes(i.sensitiveData)],
    [t('고유식별정보', 'Unique identifiers'), yes(i.uniqueIdentifiers)],
    [t('암호화 여부', 'Data encrypted'), yes(i.dataEncrypted)],
    [t('위험도', 'Risk level'), labelIn(RISK_LABELS, i.riskLevel, lang)],
    [t('EU 위험 평가', 'EU risk assessment'), labelIn(EU_RISK_LABELS, i.euRisk, lang)],
    [t('EU 위험 평가 사유', 'EU risk assessment reasons'), orNone(i.euRiskReasons)],
    [t('담당자', 'Owner'), orNone(i.ownerName)],
    [t('종결 일시', 'Closed at') + zone, orNone(i.closedAt)],
  ];
  const byPhase = INCIDENT_PHASES.map((phase) => {
    const tasks = input.tasks.filter((task) => task.phase === phase);
    const done = tasks.filter((task) => task.completedAt !== null).length;
    return [
      labelIn(PHASE_LABELS, phase, lang),
      String(tasks.length),
      String(done),
      String(tasks.length - done),
      String(tasks.filter((task) => task.overdue).length),
    ];
  });
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: t('1. 사고 개요', '1. Facts') },
    { kind: 'table', columns: [t('항목', 'Item'), t('내용', 'Value')], rows: facts, widths: [1, 2] },
  ];
  if (i.description !== null) blocks.push({ kind: 'paragraph', text: `${t('설명', 'Description')}: ${i.description}` });
  blocks.push(
    { kind: 'heading', text: t('2. 신고·통지 의무', '2. Notifications') },
    i.obligations.length === 0
      ? { kind: 'paragraph', text: t('요구되는 신고·통지가 없습니다.', 'No notification is required.') }
      : {
          kind: 'table',
          columns: [
            t('통지', 'Notification'),
            t('상태', 'Status'),
            t('기한', 'Due') + zone,
            t('완료', 'Done') + zone,
            t('지연·불필요 사유', 'Reason (late or not required)'),
            t('접수번호', 'Receipt no.'),
          ],
          widths: [2.2, 1.2, 1.4, 1.4, 2.4, 1],
          rows: i.obligations.map((o) => [
            obligationLabel(o.code)[lang],
            labelIn(OBLIGATION_STATUS_LABELS, o.status, lang) +
              (o.late ? ` (${t('지연', 'late')})` : '') +
              (o.escalation === 'overdue' && o.status === 'pending' ? ` (${t('기한 경과', 'overdue')})` : ''),
            orNone(o.dueAt),
            orNone(o.doneAt),
            [o.lateReason, o.status === 'not_required' ? o.decisionReasons : null].filter(Boolean).join('; ') || '—',
            orNone(o.externalReference),
          ]),
        },
    { kind: 'heading', text: t('3. 대응 체크리스트 (단계별)', '3. Checklist by phase') },
    {
      kind: 'table',
      columns: [t('단계', 'Phase'), t('전체', 'Tasks'), t('완료', 'Done'), t('미완료', 'Open'), t('기한 초과', 'Late')],
      widths: [3, 1, 1, 1, 1],
      rows: byPhase,
    },
    { kind: 'heading', text: t('4. 경과 기록', '4. Timeline') },
    input.timeline.length === 0
      ? { kind: 'paragraph', text: none }
      : {
          kind: 'table',
          columns: [t('일시', 'At') + zone, t('종류', 'Entry'), t('수행자', 'By'), t('내용', 'Detail')],
          widths: [1.3, 1.3, 1.2, 4],
          rows: input.timeline.map((e) => [e.at, e.kind, e.actorName ?? t('시스템', 'system'), detailLine(e.detail)]),
        },
    { kind: 'heading', text: t('5. 사후 검토', '5. Post-incident review') },
    { kind: 'paragraph', text: `${t('교훈', 'Lessons learned')}: ${orNone(i.lessonsLearned)}` },
    {
      kind: 'heading',
      text: t('6. 유출 사고 대장 기재 사항 (GDPR 제33조 제5항)', '6. Breach register (GDPR Art. 33(5))'),
    },
    { kind: 'paragraph', text: `${t('사실관계', 'Facts')}: ${orNone(i.registerFacts)}` },
    { kind: 'paragraph', text: `${t('영향', 'Effects')}: ${orNone(i.registerEffects)}` },
    { kind: 'paragraph', text: `${t('조치 사항', 'Remedial action')}: ${orNone(i.registerRemedialAction)}` },
  );
  return {
    title: t(`개인정보 유출 사고 보고서 ${i.reference}`, `Incident report ${i.reference}`),
    body: t(`${i.title}\n\n작성 시각: ${input.generatedAt}`, `${i.title}\n\nGenerated at: ${input.generatedAt}`),
    language: lang,
    footer: `${i.reference} · ${t('개인정보 유출 사고 보고서', 'Incident report')}`,
    blocks,
  };
}
