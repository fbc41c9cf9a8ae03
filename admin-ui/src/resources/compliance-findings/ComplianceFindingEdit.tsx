import { useState } from 'react';
import { Box, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Edit,
  Link,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Fact, Panel } from '../../components/Panel';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RequireAccess } from '../../components/RequireAccess';
import { KEEP_TYPED_VALUES, StaleVersionAlert } from '../../components/StaleVersionAlert';
import { useDates } from '../../i18n/dates';
import { http, isApiError } from '../../providers/http';
import { StaffPickerInput } from '../../components/pickers/StaffPickerInput';
import { FINDING_STATUSES, type ComplianceFinding, type FindingStatus } from '../subjects/types';
import { FindingDeadlineText, FindingStatusChip, fk } from './findingFields';

interface FindingVersion {
  version: number;
  status: FindingStatus;
  owner: { id: string; displayName: string } | null;
  note: string;
  changedBy: { id: string; displayName: string };
  changedAt: string;
}

const statusChoices = FINDING_STATUSES.map((id) => ({ id, name: fk(`statuses.${id}`) }));

/** What the server takes: owner, status, why, and the version edited. */
const writeBody = (data: Record<string, unknown>) => ({
  status: data.status,
  ownerId: typeof data.ownerId === 'string' && data.ownerId !== '' ? data.ownerId : null,
  note: data.note,
  version: data.version,
});

const Summary = () => {
  const translate = useTranslate();
  const { format } = useDates();
  const record = useRecordContext<ComplianceFinding>();
  if (!record) return null;
  return (
    <Stack spacing={1.5} sx={{ mb: 2 }} data-testid="finding-summary">
      <Typography variant="h6" component="h2">
        {translate(fk(`kinds.${record.kind}`))}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 720 }}>
        {translate(fk(`explain.${record.kind}`))}
      </Typography>
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1.5 }}>
        <Fact label={fk('fields.subjectName')}>
          <Link to={`/subjects/${encodeURIComponent(record.subjectId)}/show`} data-testid="finding-person">
            {record.subjectName}
          </Link>
        </Fact>
        <Fact label={fk('fields.since')}>{record.since ? format(record.since, 'dateTime') : '—'}</Fact>
        <Fact label={fk('fields.status')}>
          <FindingStatusChip finding={record} />
        </Fact>
        <Fact label={fk('fields.deadline')}>
          <FindingDeadlineText finding={record} />
        </Fact>
      </Stack>
    </Stack>
  );
};

const History = () => {
  const translate = useTranslate();
  const { format } = useDates();
  const record = useRecordContext<ComplianceFinding>();
  const history = useQuery({
    queryKey: ['compliance-findings', record?.id, 'history', record?.version],
    queryFn: () => http.get<FindingVersion[]>(`/compliance-findings/${encodeURIComponent(String(record?.id))}/history`),
    enabled: record !== undefined,
  });
  if (!record) return null;
  return (
    <Panel title={translate(fk('work.history'))} testId="finding-history">
      <ProblemAlert error={history.error} />
      {(history.data ?? []).length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(fk('work.no_history'))}
        </Typography>
      ) : (
        <Box component="ol" sx={{ m: 0, pl: 2.5, typography: 'body2' }}>
          {(history.data ?? []).map((v) => (
            <li key={v.version} data-testid="finding-history-entry">
              {translate(fk('work.history_entry'), {
                version: v.version,
                time: format(v.changedAt, 'dateTime'),
                by: v.changedBy.displayName,
                status: translate(fk(`statuses.${v.status}`)),
                owner: v.owner?.displayName ?? translate(fk('unowned')),
              })}
              <Box component="span" sx={{ display: 'block', color: 'text.secondary', whiteSpace: 'pre-wrap' }}>
                {v.note}
              </Box>
            </li>
          ))}
        </Box>
      )}
    </Panel>
  );
};

// The picker names the saved owner itself (GET /names), as it does everywhere.
const OwnerInput = () => <StaffPickerInput source="ownerId" label={fk('fields.owner')} />;

/**
 * The DPO's work on one finding: owner (a staff member picked by name), status and why. A
 * version someone else saved meanwhile is refused (409): the form keeps what was typed.
 */
const ComplianceFindingEditView = () => {
  const notify = useNotify();
  const translate = useTranslate();
  const [conflict, setConflict] = useState<number | null>(null);
  return (
    <Edit<ComplianceFinding>
      mutationMode="pessimistic"
      redirect={false}
      title={fk('work.title')}
      transform={writeBody}
      queryOptions={{ select: (data) => ({ ...data, ownerId: data.owner?.id ?? '', note: '' }) }}
      mutationOptions={{
        onMutate: () => setConflict(null),
        onSuccess: () => notify(fk('work.saved'), { type: 'success' }),
        onError: (error, variables) => {
          if (isApiError(error) && error.code === 'FINDING_VERSION_CONFLICT') {
            const edited = (variables as { previousData?: { version?: number } } | undefined)?.previousData;
            setConflict(edited?.version ?? 0);
            return;
          }
          notify(isApiError(error) ? error.message : translate('ra.notification.http_error'), { type: 'error' });
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 760 }} resetOptions={KEEP_TYPED_VALUES}>
        <Summary />
        <OwnerInput />
        <SelectInput source="status" label={fk('fields.status')} choices={statusChoices} validate={required()} />
        <TextInput
          source="note"
          label={fk('work.note')}
          helperText={fk('work.note_help')}
          multiline
          minRows={2}
          fullWidth
          validate={required()}
        />
        {conflict !== null && <StaleVersionAlert version={conflict} onReloaded={() => setConflict(null)} />}
      </SimpleForm>
      <Box sx={{ mt: 2 }}>
        <History />
      </Box>
    </Edit>
  );
};

export const ComplianceFindingEdit = () => (
  <RequireAccess resource="compliance-findings" action="edit">
    <ComplianceFindingEditView />
  </RequireAccess>
);
