import { useState, type FormEvent } from 'react';
import { Badge, Box, Button, MenuItem, Tab, Tabs, TextField, Typography } from '@mui/material';
import WbSunnyOutlinedIcon from '@mui/icons-material/WbSunnyOutlined';
import { useQuery } from '@tanstack/react-query';
import { DataTable, List, TopToolbar, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { RequireAccess } from '../../components/RequireAccess';
import { http, isApiError } from '../../providers/http';
import { AccountActionDialog } from '../subjects/AccountTools';
import { FormDialog, useFormDialogState } from '../subjects/FormDialog';
import { DayField, InstantField, Intro, Muted, useRetentionError } from './retentionFields';
import { DORMANCY, DORMANCY_STATES, RT, type DormancyCase, type DormancySummary } from './retentionTypes';
import { MONOSPACE } from '../../layout/theme';

const F = `resources.${DORMANCY}.fields`;
type PipelineState = (typeof DORMANCY_STATES)[number];

/** A separated account shows no name: its data is in the dormant store until it is reactivated. */
const PersonField = (_props: { label?: string }) => {
  const record = useRecordContext<DormancyCase>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      {record.maskedName ?? <Muted>{translate(`${RT}.dormancy.no_name`)}</Muted>}
      <Typography variant="caption" component="div" color="text.secondary" sx={{ fontFamily: MONOSPACE }}>
        {record.subjectId}
      </Typography>
    </Box>
  );
};

const ServiceField = (_props: { label?: string }) => {
  const record = useRecordContext<DormancyCase>();
  const translate = useTranslate();
  if (!record?.service) return <Muted>—</Muted>;
  return <>{translate(`resources.subjects.services.${record.service}`, { _: record.service })}</>;
};

const NoticeField = (_props: { label?: string }) => {
  const record = useRecordContext<DormancyCase>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      <InstantField source="notifiedAt" />
      {record.noticeChannel && (
        <Typography variant="caption" component="div" color="text.secondary">
          {translate(`${RT}.channels.${record.noticeChannel}`, { _: record.noticeChannel })}
        </Typography>
      )}
    </>
  );
};

/**
 * Support's reactivation of a separated account: find it by the email or phone the person gives
 * (the ordinary search does not see it), then the subjects screens' reactivation: identity check
 * first (F3), then the reason; the server brings the data back from the dormant store.
 */
const ReactivateFlow = ({ onClose, subjectId: known }: { onClose: () => void; subjectId?: string }) => {
  const translate = useTranslate();
  const errorMessage = useRetentionError();
  const [kind, setKind] = useState<'email' | 'phone'>('email');
  const [value, setValue] = useState('');
  const [found, setFound] = useState<string | null>(known ?? null);
  const { touched, error, submitting, begin, fail } = useFormDialogState();
  const missing = value.trim().length < 3;

  if (found) {
    return (
      <AccountActionDialog
        profile={{ id: found, identityChecks: [], socialLinks: [] }}
        action="reactivate"
        onClose={onClose}
      />
    );
  }
  const lookup = async (event: FormEvent) => {
    event.preventDefault();
    if (!begin(!missing)) return;
    try {
      const answer = await http.post<{ subjectId: string }>(`/${DORMANCY}/lookup`, { [kind]: value.trim() });
      setFound(answer.subjectId);
    } catch (caught) {
      fail(caught);
    }
  };
  const notFound = isApiError(error) && error.status === 404;
  return (
    <FormDialog
      testId="dormancy-lookup-dialog"
      title={`${RT}.dormancy.reactivate_title`}
      intro={`${RT}.dormancy.lookup_intro`}
      error={error ? (notFound ? translate(`${RT}.dormancy.not_found`) : errorMessage(error)) : null}
      onClose={onClose}
      onSubmit={lookup}
      submitLabel={`${RT}.dormancy.lookup`}
      submitTestId="dormancy-lookup-submit"
      submitDisabled={submitting}
    >
      <TextField
        select
        name="kind"
        label={translate(`${RT}.dormancy.lookup_by`)}
        value={kind}
        onChange={(event) => setKind(event.target.value as 'email' | 'phone')}
        margin="dense"
        fullWidth
      >
        <MenuItem value="email">{translate(`${RT}.dormancy.by_email`)}</MenuItem>
        <MenuItem value="phone">{translate(`${RT}.dormancy.by_phone`)}</MenuItem>
      </TextField>
      <TextField
        name="value"
        type={kind === 'email' ? 'email' : 'tel'}
        label={translate(`${RT}.dormancy.${kind === 'email' ? 'email' : 'phone'}`)}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        error={touched && missing}
        helperText={translate(`${RT}.dormancy.lookup_help`)}
        autoFocus
        required
        margin="dense"
        fullWidth
        slotProps={{ htmlInput: { maxLength: 320, 'data-testid': 'dormancy-lookup-value' } }}
      />
    </FormDialog>
  );
};

const ReactivateRowButton = (_props: { label?: string }) => {
  const record = useRecordContext<DormancyCase>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!record || record.state !== 'separated') return null;
  return (
    <Box onClick={(event) => event.stopPropagation()}>
      <Button
        size="small"
        startIcon={<WbSunnyOutlinedIcon />}
        onClick={() => setOpen(true)}
        data-testid="dormancy-row-reactivate"
      >
        {translate(`${RT}.dormancy.reactivate`)}
      </Button>
      {open && <ReactivateFlow subjectId={record.subjectId} onClose={() => setOpen(false)} />}
    </Box>
  );
};

const PipelineActions = ({ canReactivate }: { canReactivate: boolean }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  if (!canReactivate) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button
        variant="contained"
        startIcon={<WbSunnyOutlinedIcon />}
        onClick={() => setOpen(true)}
        data-testid="dormancy-reactivate"
      >
        {translate(`${RT}.dormancy.reactivate_title`)}
      </Button>
      {open && <ReactivateFlow onClose={() => setOpen(false)} />}
    </TopToolbar>
  );
};

const StateTable = ({ state, canReactivate }: { state: PipelineState; canReactivate: boolean }) => (
  <DataTable<DormancyCase> bulkActionButtons={false} rowClick={false} data-testid="dormancy-list" data-state={state}>
    <DataTable.Col source="maskedName" disableSort label={`${F}.person`}>
      <PersonField />
    </DataTable.Col>
    <DataTable.Col source="service" disableSort label={`${F}.service`}>
      <ServiceField />
    </DataTable.Col>
    <DataTable.Col source="lastActiveAt" disableSort label={`${F}.lastActiveAt`}>
      <InstantField source="lastActiveAt" />
    </DataTable.Col>
    {state === 'due_for_notice' && (
      <DataTable.Col source="noticeDueOn" label={`${F}.noticeDueOn`}>
        <DayField source="noticeDueOn" />
      </DataTable.Col>
    )}
    {(state === 'notified' || state === 'separated') && (
      <DataTable.Col source="notifiedAt" disableSort label={`${F}.notifiedAt`}>
        <NoticeField />
      </DataTable.Col>
    )}
    {(state === 'due_for_notice' || state === 'notified') && (
      <DataTable.Col source="separationDueOn" label={`${F}.separationDueOn`}>
        <DayField source="separationDueOn" />
      </DataTable.Col>
    )}
    {(state === 'separated' || state === 'reactivated') && (
      <DataTable.Col source="separatedAt" disableSort label={`${F}.separatedAt`}>
        <InstantField source="separatedAt" />
      </DataTable.Col>
    )}
    {state === 'reactivated' && (
      <DataTable.Col source="reactivatedAt" disableSort label={`${F}.reactivatedAt`}>
        <InstantField source="reactivatedAt" />
      </DataTable.Col>
    )}
    {state === 'separated' && canReactivate && (
      <DataTable.Col source="actions" disableSort label={`${F}.actions`}>
        <ReactivateRowButton />
      </DataTable.Col>
    )}
  </DataTable>
);

const SORT: Record<PipelineState, { field: string; order: 'ASC' | 'DESC' }> = {
  due_for_notice: { field: 'noticeDueOn', order: 'ASC' },
  notified: { field: 'separationDueOn', order: 'ASC' },
  // The server sorts by the due days and by when a case last moved (its separation, its reactivation).
  separated: { field: 'updatedAt', order: 'DESC' },
  reactivated: { field: 'updatedAt', order: 'DESC' },
};

/**
 * The dormancy pipeline: accounts due for the notice, notified, separated into the dormant store,
 * and reactivated; one tab per state with the server's counts.
 */
export const DormancyPipeline = () => {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const asked = params.get('state') as PipelineState | null;
  const state: PipelineState =
    asked && (DORMANCY_STATES as readonly string[]).includes(asked) ? asked : 'due_for_notice';
  const { canAccess: canReactivate = false } = useCanAccess({ resource: 'subjects', action: 'accountAction' });
  const summary = useQuery({
    queryKey: [DORMANCY, 'summary'],
    queryFn: () => http.get<DormancySummary>(`/${DORMANCY}/summary`),
  });
  return (
    <RequireAccess resource={DORMANCY} action="list">
      <Box>
        <Tabs
          value={state}
          onChange={(_, next: PipelineState) => setParams({ state: next }, { replace: true })}
          variant="scrollable"
          sx={{ mt: 1, borderBottom: 1, borderColor: 'divider' }}
          aria-label={translate(`resources.${DORMANCY}.name`, { smart_count: 2 })}
        >
          {DORMANCY_STATES.map((s) => (
            <Tab
              key={s}
              value={s}
              data-testid={`dormancy-tab-${s}`}
              label={
                <Badge
                  color={s === 'notified' ? 'warning' : 'default'}
                  badgeContent={summary.data?.[s] ?? 0}
                  max={9999}
                  showZero
                  sx={{ pr: 2.5 }}
                >
                  {translate(`${RT}.states.${s}`)}
                </Badge>
              }
            />
          ))}
        </Tabs>
        <List
          key={state}
          resource={DORMANCY}
          filter={{ state }}
          sort={SORT[state]}
          perPage={25}
          actions={<PipelineActions canReactivate={canReactivate} />}
          empty={false}
          exporter={false}
          disableSyncWithLocation
          title={translate(`resources.${DORMANCY}.name`, { smart_count: 2 })}
        >
          <Intro text={`${RT}.dormancy.intro_${state}`} />
          <StateTable state={state} canReactivate={canReactivate} />
        </List>
      </Box>
    </RequireAccess>
  );
};
