import { useState, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  IconButton,
  LinearProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Link,
  RecordContextProvider,
  Title,
  useCanAccess,
  useDataProvider,
  useGetIdentity,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import { Fact, Panel } from '../components/Panel';
import { ProblemAlert, useErrorMessage } from '../components/ProblemAlert';
import { formatDate } from '../i18n/dates';
import { RequireAccess } from '../components/RequireAccess';
import type { ConsoleDataProvider } from '../providers/data';
import { isApiError } from '../providers/http';
import {
  ActorField,
  ShortId,
  SubjectField,
  useFieldNames,
  useResourceName,
} from '../resources/access-log/accessLogFields';
import { idsOf, NamesProvider, useLogNames } from '../resources/access-log/logNames';
import {
  REVIEW_ANOMALY_KINDS,
  type AccessReview,
  type AuditAction,
  type ReviewAnomalyKind,
  type ReviewGroup,
  type ReviewSignOff,
} from '../types';
import { useOrgCalendar } from '../providers/calendar';
import { isMonth, monthOfDay, shiftMonth } from './reviewMonth';

/** Rows shown per kind before "show all": a month can hold hundreds of off-hours reads. */
const ROWS_SHOWN = 10;
/** The most rows the server lists per kind (its SQL LIMITs); a full list may have been cut. */
const SERVER_LIMITS: Record<ReviewAnomalyKind, number> = {
  bulkReads: 200,
  offHours: 500,
  phiWithoutCase: 500,
  downloads: 1000,
  denialBursts: 200,
};
/** The server takes notes of 3 to 5000 characters. */
const MIN_NOTES_LENGTH = 3;
const MAX_NOTES_LENGTH = 5000;

const reviewKey = (month: string) => ['access-log', 'reviews', month];

/** Times of the review in the organisation's time zone: off-hours are judged there, not in the browser's. */
const useFormatReviewTime = (timeZone: string | undefined) => {
  const [locale] = useLocaleState();
  return (iso: string | null | undefined, withSeconds = true): string =>
    formatDate(iso, withSeconds ? 'logTime' : 'dateTime', locale, timeZone);
};

/** "October 2026" / "2026년 10월". */
const useFormatMonth = () => {
  const [locale] = useLocaleState();
  return (month: string): string => formatDate(month, 'month', locale);
};

/** A bulk-read hour ("2026-10-16T13:00", wall clock in the org time zone) as "Oct 16, 2026 13:00–14:00". */
const useFormatHour = () => {
  const [locale] = useLocaleState();
  return (hour: string): string => {
    const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})/.exec(hour);
    if (!match) return hour;
    const h = Number(match[2]);
    return `${formatDate(match[1], 'date', locale)} ${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00`;
  };
};

const SeqLink = ({ seq }: { seq: number }) => (
  <Link to={`/access-log/${seq}/show`} data-testid="review-seq-link" sx={{ fontVariantNumeric: 'tabular-nums' }}>
    #{seq}
  </Link>
);

/** Role and short id, as in the access-log list. */
const Actor = ({ actorId, actorRole }: { actorId: string | null; actorRole: string | null }) => (
  <RecordContextProvider value={{ id: actorId ?? '', actorId, actorRole }}>
    <ActorField />
  </RecordContextProvider>
);

const Subject = ({ subjectId }: { subjectId: string | null }) => (
  <RecordContextProvider value={{ id: subjectId ?? '', subjectId }}>
    <SubjectField />
  </RecordContextProvider>
);

const ActionChip = ({ action }: { action: AuditAction }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" label={translate(`app.access_log.actions.${action}`, { _: action })} />;
};

const None = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate('app.none')}
    </Typography>
  );
};

interface Column<Row> {
  label: string;
  align?: 'right';
  nowrap?: boolean;
  render: (row: Row) => ReactNode;
}

/** One kind's rows: the first few, then all of them on request. */
const AnomalyTable = <Row,>({
  kind,
  rows,
  columns,
  rowKey,
}: {
  kind: ReviewAnomalyKind;
  rows: Row[];
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
}) => {
  const translate = useTranslate();
  const [showAll, setShowAll] = useState(false);
  if (rows.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="review-none-found">
        {translate('app.review.none_found')}
      </Typography>
    );
  }
  const shown = showAll ? rows : rows.slice(0, ROWS_SHOWN);
  return (
    <>
      <TableContainer>
        <Table size="small" data-testid={`review-table-${kind}`}>
          <TableHead>
            <TableRow>
              {columns.map((column) => (
                <TableCell key={column.label} align={column.align} sx={{ whiteSpace: 'nowrap' }}>
                  {column.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((row) => (
              <TableRow key={rowKey(row)} data-testid="review-row">
                {columns.map((column) => (
                  <TableCell
                    key={column.label}
                    align={column.align}
                    sx={{
                      whiteSpace: column.nowrap ? 'nowrap' : undefined,
                      fontVariantNumeric: 'tabular-nums',
                      verticalAlign: 'top',
                    }}
                  >
                    {column.render(row)}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {rows.length > ROWS_SHOWN && (
          <Button size="small" onClick={() => setShowAll((value) => !value)}>
            {showAll
              ? translate('app.review.show_fewer', { shown: ROWS_SHOWN })
              : translate('app.review.show_all', { total: rows.length })}
          </Button>
        )}
        {rows.length >= SERVER_LIMITS[kind] && (
          <Typography variant="caption" color="text.secondary">
            {translate('app.review.capped', { limit: SERVER_LIMITS[kind] })}
          </Typography>
        )}
      </Stack>
    </>
  );
};

/** One section per anomaly kind: what it is and why it matters, a count and the rows. */
const AnomalySection = ({ kind, review }: { kind: ReviewAnomalyKind; review: AccessReview }) => {
  const translate = useTranslate();
  const formatTime = useFormatReviewTime(review.timeZone);
  const formatHour = useFormatHour();
  const field = (name: string) => translate(`resources.access-log.fields.${name}`);
  const resourceName = useResourceName();
  const fieldNames = useFieldNames();
  const [workStart, workEnd] = review.thresholds.workHours.split('-');
  const help = translate(`app.review.kinds.${kind}.help`, {
    bulk: review.thresholds.bulkReadsPerHour,
    start: `${workStart ?? '08'}:00`,
    end: `${workEnd ?? '20'}:00`,
    burst: review.thresholds.denialBurstPer10Minutes,
    time_zone: review.timeZone,
  });

  const { anomalies } = review;
  let count: number;
  let table: ReactNode;
  let extra: ReactNode = null;
  switch (kind) {
    case 'bulkReads':
      count = anomalies.bulkReads.length;
      table = (
        <AnomalyTable
          kind={kind}
          rows={anomalies.bulkReads}
          rowKey={(row) => `${row.actorId ?? ''}:${row.hour}`}
          columns={[
            { label: field('actor'), render: (row) => <Actor {...row} /> },
            { label: translate('app.review.columns.hour'), nowrap: true, render: (row) => formatHour(row.hour) },
            {
              label: translate('app.review.columns.reads'),
              align: 'right',
              render: (row) => row.count.toLocaleString(),
            },
            { label: translate('app.review.columns.first_event'), render: (row) => <SeqLink seq={row.firstSeq} /> },
          ]}
        />
      );
      break;
    case 'offHours':
      count = anomalies.offHours.length;
      table = (
        <AnomalyTable
          kind={kind}
          rows={anomalies.offHours}
          rowKey={(row) => String(row.seq)}
          columns={[
            { label: field('seq'), render: (row) => <SeqLink seq={row.seq} /> },
            { label: field('time'), nowrap: true, render: (row) => formatTime(row.time) },
            { label: field('actor'), render: (row) => <Actor {...row} /> },
            { label: field('action'), render: (row) => <ActionChip action={row.action} /> },
            { label: field('resource'), render: (row) => resourceName(row.resource) },
            { label: field('subjectId'), render: (row) => <Subject subjectId={row.subjectId} /> },
          ]}
        />
      );
      break;
    case 'phiWithoutCase':
      count = anomalies.phiWithoutCase.length;
      table = (
        <AnomalyTable
          kind={kind}
          rows={anomalies.phiWithoutCase}
          rowKey={(row) => String(row.seq)}
          columns={[
            { label: field('seq'), render: (row) => <SeqLink seq={row.seq} /> },
            { label: field('time'), nowrap: true, render: (row) => formatTime(row.time) },
            { label: field('actor'), render: (row) => <Actor {...row} /> },
            { label: field('resource'), render: (row) => resourceName(row.resource) },
            { label: field('subjectId'), render: (row) => <Subject subjectId={row.subjectId} /> },
            { label: field('fields'), render: (row) => (row.fields?.length ? fieldNames(row.fields) : <None />) },
          ]}
        />
      );
      break;
    case 'downloads': {
      count = anomalies.downloads.filter((row) => row.noReason).length;
      extra = anomalies.downloads.length > 0 && (
        <Typography variant="body2" sx={{ mb: 1 }} data-testid="review-downloads-summary">
          {translate('app.review.downloads_summary', {
            smart_count: anomalies.downloads.length,
            without: count,
          })}
        </Typography>
      );
      // The ones without a reason first: they are what the review is about.
      const rows = [...anomalies.downloads].sort((a, b) => Number(b.noReason) - Number(a.noReason) || a.seq - b.seq);
      table = (
        <AnomalyTable
          kind={kind}
          rows={rows}
          rowKey={(row) => String(row.seq)}
          columns={[
            { label: field('seq'), render: (row) => <SeqLink seq={row.seq} /> },
            { label: field('time'), nowrap: true, render: (row) => formatTime(row.time) },
            { label: field('actor'), render: (row) => <Actor {...row} /> },
            { label: field('action'), render: (row) => <ActionChip action={row.action} /> },
            { label: field('resource'), render: (row) => resourceName(row.resource) },
            {
              label: translate('app.review.columns.reason'),
              render: (row) =>
                row.noReason ? (
                  <Chip size="small" color="error" label={translate('app.review.no_reason')} />
                ) : (
                  <Typography variant="body2">{row.purpose}</Typography>
                ),
            },
          ]}
        />
      );
      break;
    }
    case 'denialBursts':
      count = anomalies.denialBursts.length;
      table = (
        <AnomalyTable
          kind={kind}
          rows={anomalies.denialBursts}
          rowKey={(row) => `${row.actorId ?? ''}:${row.firstSeq}`}
          columns={[
            { label: field('actor'), render: (row) => <Actor {...row} /> },
            {
              label: translate('app.review.columns.denials'),
              align: 'right',
              render: (row) => row.count.toLocaleString(),
            },
            { label: translate('app.review.columns.first_event'), render: (row) => <SeqLink seq={row.firstSeq} /> },
          ]}
        />
      );
      break;
  }

  return (
    <Card variant="outlined" data-testid={`anomalies-${kind}`} component="section">
      <CardContent>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 0.5 }}>
          <Typography variant="h6" component="h2">
            {translate(`app.review.kinds.${kind}.title`)}
          </Typography>
          <Chip
            size="small"
            color={count > 0 ? 'error' : 'success'}
            variant={count > 0 ? 'filled' : 'outlined'}
            label={count.toLocaleString()}
            aria-label={translate('app.review.count_label', { smart_count: count })}
            data-testid={`anomaly-count-${kind}`}
            data-count={count}
          />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 900 }}>
          {help}
        </Typography>
        {extra}
        {table}
      </CardContent>
    </Card>
  );
};

/** The server takes notes of 3 to 500 characters (the reason rules). */
const MAX_EXPLANATION_LENGTH = 500;

/** Marks one group explained: a note, appended to the review (never replaced). */
const ExplainForm = ({ review, group, onDone }: { review: AccessReview; group: ReviewGroup; onDone: () => void }) => {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const explain = useMutation({
    mutationFn: () =>
      dataProvider.explainAccessReviewGroup(review.month, {
        actorId: group.actorId,
        sessionId: group.sessionId,
        note: note.trim(),
      }),
    onSuccess: ({ data }) => {
      queryClient.setQueryData(reviewKey(data.month), { data });
      onDone();
    },
  });
  const tooShort = note.trim().length < MIN_NOTES_LENGTH;
  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!tooShort) explain.mutate();
      }}
      sx={{ mt: 1 }}
      data-testid="review-explain-form"
    >
      <ProblemAlert error={explain.error} />
      <TextField
        name="note"
        size="small"
        label={translate('app.review.groups.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={touched && tooShort}
        helperText={translate('app.review.groups.note_help', { min: MIN_NOTES_LENGTH })}
        multiline
        fullWidth
        required
        autoFocus
        slotProps={{ htmlInput: { maxLength: MAX_EXPLANATION_LENGTH } }}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button
          type="submit"
          size="small"
          variant="contained"
          disabled={explain.isPending}
          data-testid="review-explain-save"
        >
          {translate('app.review.groups.save')}
        </Button>
        <Button size="small" onClick={onDone}>
          {translate('ra.action.cancel')}
        </Button>
      </Stack>
    </Box>
  );
};

const GroupRow = ({
  review,
  group,
  canExplain,
  canOpenIncident,
}: {
  review: AccessReview;
  group: ReviewGroup;
  canExplain: boolean;
  /** Security opens an unauthorised-access incident from the group, its events linked (F8). */
  canOpenIncident: boolean;
}) => {
  const translate = useTranslate();
  const formatTime = useFormatReviewTime(review.timeZone);
  const [open, setOpen] = useState(false);
  const newSince = group.explanations.length > 0 && !group.explained;
  return (
    <TableRow data-testid="review-group" data-explained={group.explained}>
      <TableCell sx={{ verticalAlign: 'top', minWidth: 160 }}>
        <Actor actorId={group.actorId} actorRole={group.actorRole} />
        <Typography variant="caption" color="text.secondary" component="div">
          {group.sessionId === null ? (
            translate('app.review.groups.no_session')
          ) : (
            <>
              {translate('app.review.groups.session')} <ShortId value={group.sessionId} />
            </>
          )}
        </Typography>
      </TableCell>
      <TableCell align="right" sx={{ verticalAlign: 'top', fontVariantNumeric: 'tabular-nums' }}>
        {group.count.toLocaleString()}
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top' }}>
        <Stack direction="row" useFlexGap spacing={0.5} sx={{ flexWrap: 'wrap' }}>
          {REVIEW_ANOMALY_KINDS.filter((kind) => (group.kinds[kind] ?? 0) > 0).map((kind) => (
            <Chip
              key={kind}
              size="small"
              variant="outlined"
              label={`${translate(`app.review.kinds.${kind}.title`)} ${group.kinds[kind] ?? 0}`}
            />
          ))}
        </Stack>
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
        {formatTime(group.firstAt, false)}
        <br />
        {formatTime(group.lastAt, false)}
      </TableCell>
      <TableCell sx={{ verticalAlign: 'top', minWidth: 280 }}>
        {group.explanations.map((x, i) => (
          <Box key={i} sx={{ mb: 0.5 }} data-testid="review-explanation">
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {x.note}
            </Typography>
            <Typography variant="caption" color="text.secondary">
              {translate('app.review.groups.explained_by', {
                name: x.explainedBy.displayName,
                time: formatTime(x.explainedAt, false),
                smart_count: x.anomalyCount,
              })}
            </Typography>
          </Box>
        ))}
        {group.explained ? (
          <Chip size="small" color="success" label={translate('app.review.groups.explained')} />
        ) : (
          <Chip
            size="small"
            color="warning"
            label={translate(newSince ? 'app.review.groups.new_since' : 'app.review.groups.unexplained')}
          />
        )}
        {canExplain && !review.signOff && !open && (
          <Button size="small" onClick={() => setOpen(true)} sx={{ ml: 1 }} data-testid="review-explain">
            {translate(group.explanations.length > 0 ? 'app.review.groups.add_note' : 'app.review.groups.explain')}
          </Button>
        )}
        {open && <ExplainForm review={review} group={group} onDone={() => setOpen(false)} />}
        {canOpenIncident && group.actorId !== null && (
          <Button
            size="small"
            color="error"
            component={Link}
            to={`/incidents/create?month=${encodeURIComponent(review.month)}&actorId=${encodeURIComponent(group.actorId)}`}
            sx={{ ml: 1 }}
            data-testid="review-open-incident"
          >
            {translate('resources.incidents.menu.create')}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
};

/** The anomalies by person and session: what the reviewer reads and explains first. */
const GroupsPanel = ({ review }: { review: AccessReview }) => {
  const translate = useTranslate();
  const { canAccess: canExplain } = useCanAccess({ resource: 'access-log-review', action: 'signOff' });
  const { canAccess: canOpenIncident } = useCanAccess({ resource: 'incidents', action: 'create' });
  return (
    <Panel title={translate('app.review.groups.title')} testId="review-groups">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 900 }}>
        {translate('app.review.groups.intro', {
          smart_count: review.groups.length,
          unexplained: review.unexplainedGroups,
        })}
      </Typography>
      {review.groups.length === 0 ? (
        <None />
      ) : (
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.review.groups.who')}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {translate('app.review.groups.count')}
                </TableCell>
                <TableCell>{translate('app.review.groups.kinds')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{translate('app.review.groups.first_last')}</TableCell>
                <TableCell>{translate('app.review.groups.explanation')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {review.groups.map((group) => (
                <GroupRow
                  key={group.key}
                  review={review}
                  group={group}
                  canExplain={canExplain === true}
                  canOpenIncident={canOpenIncident === true}
                />
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Panel>
  );
};

const SignedOff = ({ signOff, review }: { signOff: ReviewSignOff; review: AccessReview }) => {
  const translate = useTranslate();
  const formatTime = useFormatReviewTime(review.timeZone);
  const { identity } = useGetIdentity();
  const byMe = identity !== undefined && String(identity.id) === signOff.signedBy;
  const signer = useLogNames().staff.get(signOff.signedBy);
  return (
    <Stack spacing={1.5} data-testid="review-signed-off">
      <Alert severity="success">{translate('app.review.signed_off')}</Alert>
      <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1.5 }}>
        <Fact label="app.review.signed_by">
          <span data-testid="review-signed-by">
            {byMe ? `${translate('app.review.you')} · ` : ''}
            {signer ? signer.name : <ShortId value={signOff.signedBy} />}
          </span>
        </Fact>
        <Fact label="app.review.signed_at">{formatTime(signOff.signedAt)}</Fact>
        <Fact label="app.review.anomalies_at_sign_off">
          <span data-testid="review-signed-anomalies">{signOff.anomalyCount.toLocaleString()}</span>
        </Fact>
        <Tooltip title={translate('app.review.tree_size_help')}>
          <span>
            <Fact label="app.review.tree_size">
              <span data-testid="review-signed-tree-size">{signOff.treeSize.toLocaleString()}</span>
            </Fact>
          </span>
        </Tooltip>
      </Stack>
      <Fact label="app.review.notes">
        <Box
          component="span"
          sx={{ display: 'block', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="review-signed-notes"
        >
          {signOff.notes}
        </Box>
      </Fact>
      {signOff.anomalyCount !== review.anomalyCount && (
        <Alert severity="warning">
          {translate('app.review.count_changed', { then: signOff.anomalyCount, now: review.anomalyCount })}
        </Alert>
      )}
    </Stack>
  );
};

const SignOffForm = ({ review, onSigned }: { review: AccessReview; onSigned: (review: AccessReview) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const formatTime = useFormatReviewTime(review.timeZone);
  const formatMonth = useFormatMonth();
  const [notes, setNotes] = useState('');
  const [touched, setTouched] = useState(false);

  const signOff = useMutation({
    mutationFn: () => dataProvider.signOffAccessReview(review.month, { notes: notes.trim() }),
    onSuccess: ({ data }) => {
      onSigned(data);
      notify('app.review.done', { type: 'success', messageArgs: { month: formatMonth(review.month) } });
    },
    onError: (error) => {
      // Someone else signed first: show theirs.
      if (isApiError(error) && error.code === 'REVIEW_ALREADY_SIGNED') {
        void queryClient.invalidateQueries({ queryKey: reviewKey(review.month) });
      }
    },
  });

  const notOver = !review.over;
  const notesTooShort = notes.trim().length < MIN_NOTES_LENGTH;
  const serverRefusedNotes =
    isApiError(signOff.error) && signOff.error.errors.some((fieldError) => fieldError.field === 'notes');
  const notesError = (touched && notesTooShort) || serverRefusedNotes;

  return (
    <Box
      component="form"
      // Our own message says what is missing, instead of the browser's bubble.
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (!notesTooShort && !notOver) signOff.mutate();
      }}
      data-testid="review-sign-off-form"
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('app.review.not_signed')}
      </Typography>
      {notOver && (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="review-not-over">
          {translate('app.review.not_over', { time: formatTime(review.to, false) })}
        </Alert>
      )}
      <ProblemAlert error={signOff.error} />
      <TextField
        name="notes"
        label={translate('app.review.notes')}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        error={notesError}
        helperText={translate(notesError ? 'app.review.notes_required' : 'app.review.notes_help', {
          min: MIN_NOTES_LENGTH,
        })}
        disabled={notOver || signOff.isPending}
        multiline
        minRows={3}
        fullWidth
        required
        margin="normal"
        slotProps={{ htmlInput: { maxLength: MAX_NOTES_LENGTH } }}
      />
      <Button
        type="submit"
        variant="contained"
        disabled={notOver || signOff.isPending}
        startIcon={signOff.isPending ? <CircularProgress size={18} color="inherit" /> : <FactCheckOutlinedIcon />}
        data-testid="review-sign-off"
      >
        {translate('app.review.sign_off', { month: formatMonth(review.month) })}
      </Button>
    </Box>
  );
};

const SignOffPanel = ({ review, onSigned }: { review: AccessReview; onSigned: (review: AccessReview) => void }) => {
  const translate = useTranslate();
  const { canAccess: canSignOff } = useCanAccess({ resource: 'access-log-review', action: 'signOff' });
  return (
    <Panel title={translate('app.review.sign_off_title')} testId="review-sign-off-panel">
      {review.signOff ? (
        <SignedOff signOff={review.signOff} review={review} />
      ) : canSignOff ? (
        <SignOffForm review={review} onSigned={onSigned} />
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="review-not-signed">
          {translate('app.review.not_signed_read_only')}
        </Typography>
      )}
    </Panel>
  );
};

/** Months offered in the picker: three years back, and further back when the arrows went there. */
const MONTHS_OFFERED = 36;

/**
 * The month picker: previous and next month, or a month from the list; never past the
 * current one. A list rather than the browser's month field, which speaks the browser's
 * language instead of the console's.
 */
const MonthPicker = ({
  month,
  latest,
  onChange,
}: {
  month: string;
  latest: string;
  onChange: (month: string) => void;
}) => {
  const translate = useTranslate();
  const formatMonth = useFormatMonth();
  const months: string[] = [];
  for (let offset = 0; offset < MONTHS_OFFERED || shiftMonth(latest, -offset) >= month; offset += 1) {
    months.push(shiftMonth(latest, -offset));
  }
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Tooltip title={translate('app.review.previous_month')}>
        <IconButton
          aria-label={translate('app.review.previous_month')}
          onClick={() => onChange(shiftMonth(month, -1))}
          data-testid="review-previous-month"
        >
          <ChevronLeftIcon />
        </IconButton>
      </Tooltip>
      <TextField
        select
        name="month"
        size="small"
        label={translate('app.review.month')}
        value={month}
        onChange={(event) => {
          if (isMonth(event.target.value) && event.target.value <= latest) onChange(event.target.value);
        }}
        sx={{ minWidth: 160 }}
        data-testid="review-month"
      >
        {months.map((choice) => (
          <MenuItem key={choice} value={choice}>
            {formatMonth(choice)}
          </MenuItem>
        ))}
      </TextField>
      <Tooltip title={translate('app.review.next_month')}>
        <span>
          <IconButton
            aria-label={translate('app.review.next_month')}
            onClick={() => onChange(shiftMonth(month, 1))}
            disabled={month >= latest}
            data-testid="review-next-month"
          >
            <ChevronRightIcon />
          </IconButton>
        </span>
      </Tooltip>
    </Stack>
  );
};

const Summary = ({ review }: { review: AccessReview }) => {
  const translate = useTranslate();
  const formatTime = useFormatReviewTime(review.timeZone);
  const [workStart, workEnd] = review.thresholds.workHours.split('-');
  return (
    <Stack spacing={1.5}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Chip
          color={review.anomalyCount > 0 ? 'error' : 'success'}
          label={translate('app.review.total', { smart_count: review.anomalyCount })}
          data-testid="review-total"
          data-count={review.anomalyCount}
          sx={{ fontWeight: 600 }}
        />
        <Chip
          variant="outlined"
          color={review.signOff ? 'success' : 'default'}
          label={translate(
            review.signOff
              ? 'app.review.status_signed'
              : !review.over
                ? 'app.review.status_in_progress'
                : 'app.review.status_open',
          )}
          data-testid="review-status"
        />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {translate('app.review.period', {
          from: formatTime(review.from, false),
          to: formatTime(review.to, false),
          time_zone: review.timeZone,
        })}
      </Typography>
      <Box>
        <Typography variant="subtitle2" component="h3">
          {translate('app.review.thresholds')}
        </Typography>
        <Box component="ul" sx={{ m: 0, pl: 2.5, typography: 'body2' }} data-testid="review-thresholds">
          <li>{translate('app.review.threshold.bulk', { smart_count: review.thresholds.bulkReadsPerHour })}</li>
          <li>
            {translate('app.review.threshold.work_hours', {
              start: `${workStart ?? '08'}:00`,
              end: `${workEnd ?? '20'}:00`,
              time_zone: review.timeZone,
            })}
          </li>
          <li>
            {translate('app.review.threshold.denials', { smart_count: review.thresholds.denialBurstPer10Minutes })}
          </li>
        </Box>
      </Box>
    </Stack>
  );
};

/** Names the staff and people the review mentions (one recorded request), so rows show names, not ids. */
const ReviewNames = ({ review, children }: { review: AccessReview; children: ReactNode }) => {
  const rows: { actorId?: string | null; subjectId?: string | null }[] = [
    ...Object.values(review.anomalies).flat(),
    ...review.groups,
  ];
  const ids = rows.map((row) => idsOf({ actorId: row.actorId ?? null, subjectId: row.subjectId ?? null }));
  return (
    <NamesProvider
      staff={[...ids.flatMap((x) => x.staff), review.signOff?.signedBy]}
      subjects={ids.flatMap((x) => x.subjects)}
    >
      {children}
    </NamesProvider>
  );
};

/** Waits for the organisation's today: which months are over is the server's answer, not the browser's clock. */
const AccessReviewView = () => {
  const translate = useTranslate();
  const calendar = useOrgCalendar();
  if (calendar === undefined)
    return <CircularProgress size={24} sx={{ mt: 2 }} aria-label={translate('app.loading')} />;
  return <AccessReviewMonths latest={monthOfDay(calendar.today)} />;
};

const AccessReviewMonths = ({ latest }: { latest: string }) => {
  const translate = useTranslate();
  const errorMessage = useErrorMessage();
  const formatMonth = useFormatMonth();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [searchParams, setSearchParams] = useSearchParams();

  const asked = searchParams.get('month');
  const month = isMonth(asked) && asked <= latest ? asked : shiftMonth(latest, -1);

  const review = useQuery({
    queryKey: reviewKey(month),
    queryFn: ({ signal }) => dataProvider.getAccessReview(month, signal),
    placeholderData: keepPreviousData,
  });
  const data = review.data?.data;

  const choose = (next: string) => setSearchParams({ month: next });
  const onSigned = (signed: AccessReview) => queryClient.setQueryData(reviewKey(signed.month), { data: signed });

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="access-review">
      <Title title="app.review.title" />
      <Stack
        direction={{ xs: 'column', sm: 'row' }}
        spacing={2}
        sx={{ alignItems: { sm: 'center' }, justifyContent: 'space-between', mb: 1 }}
      >
        <Typography variant="h5" component="h1">
          {translate('app.review.heading', { month: formatMonth(month) })}
        </Typography>
        <MonthPicker month={month} latest={latest} onChange={choose} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        {translate('app.review.intro')}
      </Typography>
      {review.isFetching && <LinearProgress sx={{ mb: 1 }} aria-label={translate('app.loading')} />}
      {review.isPending ? (
        <CircularProgress size={24} aria-label={translate('app.loading')} />
      ) : review.isError && !data ? (
        <Alert severity="error" role="alert" data-testid="problem-alert">
          {errorMessage(review.error)}
        </Alert>
      ) : data ? (
        <ReviewNames review={data}>
          <Stack spacing={2} sx={{ opacity: data.month === month ? 1 : 0.5 }} data-month={data.month}>
            {review.isError && <ProblemAlert error={review.error} />}
            <Panel title={translate('app.review.summary')} testId="review-summary">
              <Summary review={data} />
            </Panel>
            <GroupsPanel review={data} />
            {REVIEW_ANOMALY_KINDS.map((kind) => (
              <AnomalySection key={`${data.month}:${kind}`} kind={kind} review={data} />
            ))}
            <SignOffPanel key={data.month} review={data} onSigned={onSigned} />
          </Stack>
        </ReviewNames>
      ) : null}
    </Box>
  );
};

export const AccessReviewPage = () => (
  <RequireAccess resource="access-log-review" action="read">
    <AccessReviewView />
  </RequireAccess>
);
