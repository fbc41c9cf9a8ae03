import type { ReactNode } from 'react';
import { Alert, Box, Button, Card, CardContent, Stack, Tooltip, Typography } from '@mui/material';
import RefreshIcon from '@mui/icons-material/Refresh';
import {
  Labeled,
  ListButton,
  Show,
  TextField,
  TopToolbar,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import type { AuditEventDetail } from '../../types';
import { describeUserAgent } from '../staff/userAgent';
import {
  ActionField,
  ActorField,
  Mono,
  OutcomeField,
  SubjectField,
  useFieldNames,
  useFormatLogTime,
  useResourceName,
} from './accessLogFields';
import { fromBase64 } from './inclusion';
import { InclusionCheck } from './InclusionCheck';
import { idsOf, NamesProvider } from './logNames';
import { MONOSPACE } from '../../layout/theme';

/** While no signed head covers the event, ask again until one does (heads come every few seconds). */
const PROOF_POLL_MS = 3000;

const AccessLogTitle = () => {
  const translate = useTranslate();
  const record = useRecordContext<AuditEventDetail>();
  return <span>{record ? translate('app.access_log.show.title', { seq: record.seq }) : ''}</span>;
};

const Section = ({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) => (
  <Card variant="outlined" sx={{ m: 2, mt: 0, minWidth: 0 }} data-testid={testId}>
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

const Value = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Labeled label={label}>
      <Box component="span" sx={{ typography: 'body2' }}>
        {children ?? translate('app.none')}
      </Box>
    </Labeled>
  );
};

const field = (name: string) => `resources.access-log.fields.${name}`;

const Grid = ({ children }: { children: ReactNode }) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' },
      columnGap: 3,
      rowGap: 2,
      '& .RaLabeled-label': { mb: 0.5 },
      minWidth: 0,
    }}
  >
    {children}
  </Box>
);

const Pre = ({ children, testId }: { children: string; testId?: string }) => (
  <Box
    component="pre"
    data-testid={testId}
    sx={{
      fontFamily: MONOSPACE,
      fontSize: '0.8rem',
      bgcolor: 'grey.50',
      border: 1,
      borderColor: 'divider',
      borderRadius: 1,
      p: 1.5,
      m: 0,
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-all',
      maxHeight: 320,
      overflow: 'auto',
    }}
  >
    {children}
  </Box>
);

const EventFacts = () => {
  const translate = useTranslate();
  const format = useFormatLogTime();
  const resourceName = useResourceName();
  const fieldNames = useFieldNames();
  const record = useRecordContext<AuditEventDetail>();
  if (!record) return null;
  const none = translate('app.none');
  // The actor and the subject by name (the staff member's, the person's masked), beside their ids.
  const named = idsOf(record);
  return (
    <Section title={translate('app.access_log.show.event')} testId="access-log-event">
      <NamesProvider staff={named.staff} subjects={named.subjects}>
        <Grid>
          <Labeled label={field('seq')}>
            <TextField source="seq" />
          </Labeled>
          <Value label={field('time')}>{format(record.time)}</Value>
          <Labeled label={field('action')}>
            <ActionField />
          </Labeled>
          <Labeled label={field('outcome')}>
            <OutcomeField />
          </Labeled>
          <Value label={field('resource')}>{resourceName(record.resource)}</Value>
          <Value label={field('subjectId')}>
            <Box component="span" sx={{ display: 'block' }} data-testid="event-subject">
              <SubjectField />
            </Box>
            {record.subjectId && <Mono>{record.subjectId}</Mono>}
          </Value>
          <Value label={field('actor')}>
            <Box component="span" sx={{ display: 'block' }} data-testid="event-actor">
              <ActorField />
            </Box>
          </Value>
          <Value label={field('actorRole')}>
            {record.actorRole ? translate(`app.roles.${record.actorRole}`, { _: record.actorRole }) : none}
          </Value>
          <Value label={field('actorId')}>
            {record.actorId ? <Mono>{record.actorId}</Mono> : translate('app.access_log.system')}
          </Value>
          <Value label={field('sessionId')}>{record.sessionId ? <Mono>{record.sessionId}</Mono> : none}</Value>
          <Value label={field('ip')}>{record.ip ?? none}</Value>
          <Value label={field('userAgent')}>
            {record.userAgent ? (
              <Tooltip title={record.userAgent}>
                <span>{describeUserAgent(record.userAgent)}</span>
              </Tooltip>
            ) : (
              none
            )}
          </Value>
          <Value label={field('requestId')}>{record.requestId ? <Mono>{record.requestId}</Mono> : none}</Value>
          <Value label={field('purpose')}>{record.purpose ?? none}</Value>
          <Value label={field('fields')}>{record.fields?.length ? fieldNames(record.fields) : none}</Value>
        </Grid>
      </NamesProvider>
      <Box sx={{ mt: 2 }}>
        <Typography variant="caption" component="p" color="text.secondary" sx={{ mb: 0.5 }}>
          {translate(field('detail'))}
        </Typography>
        <Pre testId="event-detail">{JSON.stringify(record.detail ?? {}, null, 2)}</Pre>
      </Box>
    </Section>
  );
};

const decodeCanonical = (base64: string): string => {
  const bytes = fromBase64(base64);
  return bytes ? new TextDecoder('utf-8').decode(bytes) : base64;
};

const Evidence = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const format = useFormatLogTime();
  const record = useRecordContext<AuditEventDetail>();
  if (!record) return null;
  const { proof } = record;
  return (
    <Section title={translate('app.access_log.show.evidence')} testId="access-log-evidence">
      <InclusionCheck record={record} />
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        {translate('app.access_log.show.canonical')}
      </Typography>
      <Typography variant="caption" component="p" color="text.secondary" sx={{ mb: 0.5 }}>
        {translate('app.access_log.show.canonical_help')}
      </Typography>
      <Pre testId="canonical-bytes">{decodeCanonical(record.canonical)}</Pre>
      <Stack sx={{ mt: 2 }}>
        <Value label="app.access_log.show.leaf_hash">
          <Mono testId="leaf-hash">{record.leafHash}</Mono>
        </Value>
      </Stack>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 3, mb: 1 }}>
        {translate('app.access_log.show.proof')}
      </Typography>
      {proof ? (
        <Box data-testid="inclusion-proof">
          <Grid>
            <Value label="app.access_log.show.head_size">{proof.head.treeSize}</Value>
            <Value label="app.access_log.show.head_time">{format(proof.head.timestamp)}</Value>
            <Value label="app.access_log.show.leaf_index">{proof.leafIndex}</Value>
            <Value label="app.access_log.show.key_id">
              <Mono>{proof.head.keyId}</Mono>
            </Value>
          </Grid>
          <Box sx={{ mt: 2 }}>
            <Value label="app.access_log.show.head_root">
              <Mono>{proof.head.rootHash}</Mono>
            </Value>
          </Box>
          <Typography variant="caption" component="p" color="text.secondary" sx={{ mt: 2, mb: 0.5 }}>
            {translate('app.access_log.show.path', { smart_count: proof.path.length })}
          </Typography>
          {proof.path.length > 0 && (
            <Box component="ol" start={1} sx={{ m: 0, pl: 3, '& li': { py: 0.25 } }}>
              {proof.path.map((hash, index) => (
                <li key={`${index}:${hash}`}>
                  <Mono>{hash}</Mono>
                </li>
              ))}
            </Box>
          )}
        </Box>
      ) : (
        <Alert
          severity="info"
          data-testid="proof-pending"
          action={
            <Button color="inherit" size="small" startIcon={<RefreshIcon />} onClick={() => refresh()}>
              {translate('app.access_log.show.reload')}
            </Button>
          }
        >
          {translate('app.access_log.show.pending')}
        </Alert>
      )}
    </Section>
  );
};

const AccessLogShowActions = () => (
  <TopToolbar>
    <ListButton />
  </TopToolbar>
);

const AccessLogShowView = () => (
  <Show<AuditEventDetail>
    actions={<AccessLogShowActions />}
    title={<AccessLogTitle />}
    queryOptions={{
      refetchInterval: (query) => (query.state.data && !query.state.data.proof ? PROOF_POLL_MS : false),
    }}
    sx={{ '& .RaShow-card': { minWidth: 0, bgcolor: 'transparent', boxShadow: 'none' } }}
  >
    <Box sx={{ pt: 2 }}>
      <EventFacts />
      <Evidence />
    </Box>
  </Show>
);

export const AccessLogShow = () => (
  <RequireAccess resource="access-log" action="show">
    <AccessLogShowView />
  </RequireAccess>
);
