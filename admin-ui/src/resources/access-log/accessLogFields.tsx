import { Box, Chip, Link as MuiLink, Tooltip, Typography, type ChipProps } from '@mui/material';
import type { MouseEvent, ReactNode } from 'react';
import { Link, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { useDates } from '../../i18n/dates';
import { useLogNames } from './logNames';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditEvent } from '../../types';
import { MONOSPACE } from '../../layout/theme';

export const actionChoices = AUDIT_ACTIONS.map((action) => ({ id: action, name: `app.access_log.actions.${action}` }));
export const outcomeChoices = AUDIT_OUTCOMES.map((outcome) => ({
  id: outcome,
  name: `app.access_log.outcomes.${outcome}`,
}));

/** A log time, with the seconds, in the console's one format (i18n/dates.ts). */
export const useFormatLogTime = () => {
  const { format } = useDates();
  return (iso: string | null | undefined): string => format(iso, 'logTime');
};

/** The glossary's name for a server resource ("compliance-finding" -> "Compliance findings"). */
export const useResourceName = () => {
  const translate = useTranslate();
  return (resource: string): string => translate(`app.access_log.resources.${resource}`, { _: resource });
};

/** The glossary's names for the fields an event touched ("recordsList" -> "list of counseling records"). */
export const useFieldNames = () => {
  const translate = useTranslate();
  return (fields: readonly string[]): string =>
    fields.map((field) => translate(`resources.subjects.history.fields.${field}`, { _: field })).join(', ');
};

export const ResourceField = (_props: { source?: string; label?: string }) => {
  const resourceName = useResourceName();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  return <Typography variant="body2">{resourceName(record.resource)}</Typography>;
};

export const shortId = (id: string): string => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/** An identifier shown short in monospace, in full on hover. */
export const ShortId = ({ value }: { value: string }) => (
  <Tooltip title={value}>
    <Box component="span" sx={{ fontFamily: MONOSPACE, fontSize: '0.85em', whiteSpace: 'nowrap' }}>
      {shortId(value)}
    </Box>
  </Tooltip>
);

export const Mono = ({ children, testId }: { children: string; testId?: string }) => (
  <Box
    component="code"
    data-testid={testId}
    sx={{ fontFamily: MONOSPACE, fontSize: '0.85rem', wordBreak: 'break-all', overflowWrap: 'anywhere' }}
  >
    {children}
  </Box>
);

const isAlarming = (event: Pick<AuditEvent, 'action' | 'outcome'>) =>
  event.action === 'deny' || event.outcome !== 'success';

const actionColor = (event: Pick<AuditEvent, 'action' | 'outcome'>): ChipProps['color'] => {
  if (isAlarming(event)) return 'error';
  switch (event.action) {
    case 'reveal':
    case 'export':
    case 'download':
    case 'print':
      return 'warning';
    case 'authenticate':
      return 'info';
    case 'administer':
    case 'create':
    case 'edit':
    case 'delete':
      return 'secondary';
    case 'view':
    case 'deny':
      return 'default';
  }
};

export const LogTimeField = (_props: { source?: string; label?: string }) => {
  const format = useFormatLogTime();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  return (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
      {format(record.time)}
    </Typography>
  );
};

/** Role and short id of whoever acted; the system for events no staff member caused. */
export const ActorField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  if (!record.actorId) {
    return (
      <Typography variant="body2" color="text.secondary">
        {record.actorRole
          ? translate(`app.roles.${record.actorRole}`, { _: record.actorRole })
          : translate('app.access_log.system')}
      </Typography>
    );
  }
  return <StaffName id={record.actorId} role={record.actorRole} />;
};

/** The access log filtered to one actor or one subject: a link that does not also open the row. */
const logOf = (filter: Record<string, string>) => `/access-log?filter=${encodeURIComponent(JSON.stringify(filter))}`;

const RowLink = ({ to, children, testId }: { to: string; children: ReactNode; testId: string }) => (
  <MuiLink component={Link} to={to} onClick={(e: MouseEvent) => e.stopPropagation()} data-testid={testId}>
    {children}
  </MuiLink>
);

/** A staff member by name and role, linking to their events; the short id until the name is known. */
const StaffName = ({ id, role }: { id: string; role?: string | null }) => {
  const translate = useTranslate();
  const known = useLogNames().staff.get(id);
  const roleName = known?.role ?? role;
  return (
    <Box sx={{ typography: 'body2' }}>
      {known ? (
        <RowLink to={logOf({ actorId: id })} testId="log-staff-name">
          {known.name}
        </RowLink>
      ) : null}
      {roleName && (
        <Typography variant="caption" component="div" color="text.secondary">
          {translate(`app.roles.${roleName}`, { _: roleName })}
        </Typography>
      )}
      {!known && <ShortId value={id} />}
    </Box>
  );
};

/** A person by masked name, kind and service, linking to their profile (or their events). */
const PersonName = ({ id, raw }: { id: string; raw: string }) => {
  const translate = useTranslate();
  const known = useLogNames().subjects.get(id);
  const { canAccess } = useCanAccess({ resource: 'subjects', action: 'show' });
  if (!known) return <ShortId value={raw} />;
  return (
    <Box sx={{ typography: 'body2' }}>
      <RowLink to={canAccess ? `/subjects/${id}/show` : logOf({ subjectId: raw })} testId="log-subject-name">
        {known.maskedName}
      </RowLink>
      <Typography variant="caption" component="div" color="text.secondary">
        {translate(`resources.subjects.kinds.${known.kind}`, { _: known.kind })} ·{' '}
        {translate(`resources.subjects.services.${known.service}`, { _: known.service })}
      </Typography>
    </Box>
  );
};

export const ActionField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      color={actionColor(record)}
      variant={isAlarming(record) ? 'filled' : 'outlined'}
      label={translate(`app.access_log.actions.${record.action}`, { _: record.action })}
      data-testid="event-action"
    />
  );
};

export const OutcomeField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  const ok = record.outcome === 'success';
  // A step-up prompt is no refusal: shown as a request, not in red.
  const prompt = record.outcome === 'step_up_required';
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      color={ok ? 'success' : prompt ? 'info' : 'error'}
      variant={ok || prompt ? 'outlined' : 'filled'}
      label={translate(`app.access_log.outcomes.${record.outcome}`, { _: record.outcome })}
    />
  );
};

export const SubjectField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  if (!record.subjectId) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.none')}
      </Typography>
    );
  }
  const staff = /^staff:(.+)$/.exec(record.subjectId);
  if (staff) return <StaffName id={staff[1]!} role={translate('resources.staff.name', { smart_count: 1 })} />;
  const person = /^subject:(.+)$/.exec(record.subjectId);
  if (person) return <PersonName id={person[1]!} raw={record.subjectId} />;
  return <ShortId value={record.subjectId} />;
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** One line on why or what: the authentication event, the email tried, the reason, the purpose, the fields. */
export const useEventSummary = () => {
  const translate = useTranslate();
  const fieldNames = useFieldNames();
  return (event: AuditEvent): string => {
    const detail = event.detail ?? {};
    const kind = text(detail.event);
    const route = [text(detail.method), text(detail.path)].filter(Boolean).join(' ');
    const parts = [
      // A denial's chip already says "access denied"; say where instead.
      kind && event.action !== 'deny' ? translate(`app.access_log.events.${kind}`, { _: kind }) : null,
      text(detail.email),
      text(detail.reason),
      route || null,
      text(detail.code),
      event.purpose,
      event.fields?.length ? fieldNames(event.fields) : null,
      typeof detail.seq === 'number' ? `#${detail.seq}` : null,
    ];
    return parts.filter((part): part is string => Boolean(part)).join(' · ');
  };
};

export const SummaryField = (_props: { source?: string; label?: string }) => {
  const translate = useTranslate();
  const summarize = useEventSummary();
  const record = useRecordContext<AuditEvent>();
  if (!record) return null;
  const summary = summarize(record);
  return (
    <Typography variant="body2" color={summary ? 'text.primary' : 'text.secondary'} data-testid="event-summary">
      {summary || translate('app.none')}
    </Typography>
  );
};
