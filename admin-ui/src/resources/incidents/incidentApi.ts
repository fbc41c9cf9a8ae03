// The incident routes that are not react-admin's list, show and create (F8 contract §2–§6).
import { filenameFromContentDisposition, saveBlob } from '../../providers/download';
import { http, request, requestFile } from '../../providers/http';
import type {
  AffectedRow,
  EuRisk,
  IncidentDetail,
  IncidentStatus,
  IncidentTemplateRow,
  NoticeKind,
  NoticeView,
  SelectPeople,
  SelectResult,
} from './incidentTypes';

const base = (id: string, rest = '') => `/incidents/${encodeURIComponent(id)}${rest}`;
const seg = encodeURIComponent;

/** Saves a file the server renders (and logs): a PDF, the register export. */
const download = async (path: string, fallback: string, query?: Record<string, string | undefined>) => {
  const response = await requestFile(path, { query });
  saveBlob(response.body, filenameFromContentDisposition(response.headers.get('Content-Disposition'), fallback));
};

export const incidentApi = {
  detail: (id: string) => http.get<IncidentDetail>(base(id)),
  templates: () => http.get<IncidentTemplateRow[]>('/incident-templates'),

  updateFacts: async (id: string, body: Record<string, unknown>) =>
    (await request<IncidentDetail>(base(id), { method: 'PATCH', body })).body,
  assess: (id: string, euRisk: EuRisk, reasons: string) => http.post(base(id, '/assessment'), { euRisk, reasons }),
  obligationDone: (
    id: string,
    code: string,
    body: { doneAt?: string; lateReason?: string; externalReference?: string },
  ) => http.post(base(id, `/obligations/${seg(code)}/done`), body),
  obligationNotRequired: (id: string, code: string, reasons: string) =>
    http.post(base(id, `/obligations/${seg(code)}/not-required`), { reasons }),
  setStatus: (id: string, status: IncidentStatus, version: number) =>
    http.post(base(id, '/status'), { status, version }),
  close: (
    id: string,
    body: {
      lessonsLearned: string;
      registerFacts: string;
      registerEffects: string;
      registerRemedialAction: string;
      version: number;
    },
  ) => http.post(base(id, '/close'), body),

  updateTask: async (
    id: string,
    taskId: string,
    body: { assigneeId?: string | null; dueAt?: string; note?: string; completed?: boolean; version: number },
  ) => (await request(base(id, `/tasks/${seg(taskId)}`), { method: 'PATCH', body })).body,
  uploadEvidence: (id: string, taskId: string, file: { fileName: string; mediaType: string; contentBase64: string }) =>
    http.post(base(id, `/tasks/${seg(taskId)}/evidence`), file),
  downloadEvidence: (id: string, taskId: string, evidenceId: string, fileName: string) =>
    download(base(id, `/tasks/${seg(taskId)}/evidence/${seg(evidenceId)}`), fileName),
  addNote: (id: string, note: string) => http.post(base(id, '/timeline'), { note }),

  selectPeople: (id: string, selection: SelectPeople, preview: boolean) =>
    http.post<SelectResult>(base(id, '/affected/select'), { ...selection, preview }),
  affected: (id: string, from: number, count: number) =>
    http.get<AffectedRow[]>(base(id, '/affected'), {
      range: JSON.stringify([from, from + count - 1]),
      sort: JSON.stringify(['addedAt', 'ASC']),
    }),
  removePerson: (id: string, subjectId: string) => http.delete(base(id, `/affected/${seg(subjectId)}`)),
  notifyPeople: (id: string, body: { obligationCode: string; noticeId: string; channel?: 'email' | 'sms' }) =>
    http.post<{ queued: number; skipped: number }>(base(id, '/affected/notify'), body),

  prefill: (id: string, kind: NoticeKind, locale: 'ko' | 'en') =>
    http.get<{
      kind: NoticeKind;
      locale: 'ko' | 'en';
      content: Record<string, unknown>;
      fields: { name: string; type: 'text' | 'list' | 'count'; required: boolean }[];
    }>(base(id, '/notices/prefill'), { kind, locale }),
  saveNotice: (id: string, body: { kind: NoticeKind; locale: 'ko' | 'en'; content: Record<string, unknown> }) =>
    http.post<NoticeView>(base(id, '/notices'), body),
  notices: (id: string) => http.get<NoticeView[]>(base(id, '/notices')),
  noticePdf: (id: string, notice: NoticeView) =>
    download(base(id, `/notices/${seg(notice.id)}/pdf`), `${notice.kind}-v${notice.version}.pdf`),

  reportPdf: (id: string, reference: string) => download(base(id, '/report.pdf'), `${reference}.pdf`),
  register: (format: 'csv' | 'xlsx') => download(`/incidents/register.${format}`, `breach-register.${format}`),
};
