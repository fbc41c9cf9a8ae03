// What the intake wizard sends; no React, so tests load it without the UI.
import type { Regime, Relation, RequestType } from './requestTypes';

export interface WizardValues {
  subjectId?: string;
  relation: Relation;
  representationEvidence?: string;
  requesterSubjectId?: string;
  type?: RequestType;
  items?: string[];
  categories?: string[];
  sensitiveOnly?: boolean;
  purposes?: string[];
  field?: string;
  reason?: string;
  note?: string;
  channel?: string;
  receivedAt?: string | Date | null;
  regimes?: Regime[];
  locale: 'ko' | 'en';
}

/** What the server takes (POST /api/rights-requests): the type's own details, and nothing empty. */
export const intakeBody = (values: WizardValues) => {
  const details: Record<string, unknown> = {};
  switch (values.type) {
    case 'access':
    case 'portability':
      if (values.items?.length) details.items = values.items;
      break;
    case 'erasure':
    case 'account_withdrawal':
      if (values.categories?.length) details.categories = values.categories;
      if (values.sensitiveOnly) details.sensitiveOnly = true;
      break;
    case 'consent_withdrawal':
      details.purposes = values.purposes ?? [];
      break;
    case 'rectification':
      details.field = values.field;
      details.reason = values.reason;
      break;
    case 'restriction':
    case 'objection':
    case undefined:
      break;
  }
  if (values.note) details.note = values.note;
  const received = values.receivedAt ? new Date(values.receivedAt) : null;
  return {
    subjectId: values.subjectId,
    type: values.type,
    channel: values.channel,
    relation: values.relation,
    ...(values.relation === 'self' ? {} : { representationEvidence: values.representationEvidence }),
    ...(values.relation === 'legal_representative' ? { requesterSubjectId: values.requesterSubjectId } : {}),
    regimes: values.regimes,
    locale: values.locale,
    ...(received && !Number.isNaN(received.getTime()) ? { receivedAt: received.toISOString() } : {}),
    details,
  };
};
