// The request routes that are not react-admin's list, show and create (server/src/rights-requests/API.md).
import { http, request, requestFile } from '../../providers/http';
import { filenameFromContentDisposition, saveBlob } from '../../providers/download';
import type { ErasureProposal, RightsRequestDetail } from './requestTypes';

const base = (id: string) => `/rights-requests/${encodeURIComponent(id)}`;

export const requestApi = {
  detail: (id: string) => http.get<RightsRequestDetail>(base(id)),

  /** A transition: verify, start, prepare, submit, approve, reject, extend, complete, assign. */
  act: (id: string, action: string, body: object = {}) => http.post<RightsRequestDetail>(`${base(id)}/${action}`, body),

  erasureProposal: (id: string) => http.get<ErasureProposal>(`${base(id)}/erasure-proposal`),

  closeTask: (
    id: string,
    taskId: string,
    body: { status: 'done' | 'excepted'; evidence?: string; exceptionReason?: string },
  ) =>
    request(`${base(id)}/tasks/${encodeURIComponent(taskId)}`, {
      method: 'PATCH',
      body,
    }),

  /** Saves a document (export or letter); the server logs the download. */
  download: async (id: string, documentId: string, fallback: string) => {
    const response = await requestFile(`${base(id)}/documents/${encodeURIComponent(documentId)}`);
    saveBlob(response.body, filenameFromContentDisposition(response.headers.get('Content-Disposition'), fallback));
  },

  recordIdentityCheck: (subjectId: string, input: { method: string; evidenceRef: string; note?: string }) =>
    http.post<{ id: string }>(`/subjects/${encodeURIComponent(subjectId)}/identity-checks`, input),
};
