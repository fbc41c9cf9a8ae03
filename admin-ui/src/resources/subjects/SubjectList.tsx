import { useMemo, useState, type FormEvent, type ReactElement } from 'react';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  InputAdornment,
  MenuItem,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import AlternateEmailIcon from '@mui/icons-material/AlternateEmail';
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import PersonSearchOutlinedIcon from '@mui/icons-material/PersonSearchOutlined';
import PhoneIphoneOutlinedIcon from '@mui/icons-material/PhoneIphoneOutlined';
import SearchIcon from '@mui/icons-material/Search';
import {
  DataTable,
  ListBase,
  Pagination,
  SimpleList,
  Title,
  useGetIdentity,
  useListContext,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RequireAccess } from '../../components/RequireAccess';
import { isApiError, type ProblemFieldError } from '../../providers/http';
import {
  EMPTY_CRITERIA,
  guessMode,
  recallSearch,
  rememberSearch,
  toFilter,
  type SearchCriteria,
  type SearchMode,
} from './searchMemory';
import {
  KindChip,
  ServiceLabel,
  StatusChip,
  kindChoices,
  serviceChoices,
  sk,
  statusChoices,
  useAge,
  useFieldErrorMessage,
  useFormatDateTime,
} from './subjectFields';
import type { SubjectListItem } from './types';
import { MONOSPACE } from '../../layout/theme';

const MODES: { mode: SearchMode; icon: ReactElement; type: string; inputMode: 'tel' | 'email' | 'text' }[] = [
  { mode: 'phone', icon: <PhoneIphoneOutlinedIcon fontSize="small" />, type: 'tel', inputMode: 'tel' },
  { mode: 'email', icon: <AlternateEmailIcon fontSize="small" />, type: 'email', inputMode: 'email' },
  { mode: 'name', icon: <PersonSearchOutlinedIcon fontSize="small" />, type: 'text', inputMode: 'text' },
];

/** Which search-field errors belong to the text box (the API names them by filter key). */
const TEXT_FIELDS = new Set(['phone', 'email', 'q']);
const fieldName = (error: ProblemFieldError): string => error.field.replace(/^filter\./, '');

const SelectFilter = ({
  name,
  value,
  choices,
  onChange,
}: {
  name: 'kind' | 'status' | 'service';
  value: string;
  choices: { id: string; name: string }[];
  onChange: (value: string) => void;
}) => {
  const translate = useTranslate();
  return (
    <TextField
      select
      size="small"
      name={name}
      label={translate(sk(`fields.${name}`))}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth={false}
      sx={{ width: 200 }}
      slotProps={{ select: { MenuProps: { disableScrollLock: true } } }}
      data-testid={`subject-filter-${name}`}
    >
      <MenuItem value="">{translate(sk('search.any'))}</MenuItem>
      {choices.map((choice) => (
        <MenuItem key={choice.id} value={choice.id}>
          {translate(choice.name)}
        </MenuItem>
      ))}
    </TextField>
  );
};

/** The search form: what to look for, how, and the filters. Errors of the server show on the field. */
const SearchForm = ({
  criteria,
  onChange,
  onSearch,
  onClear,
}: {
  criteria: SearchCriteria;
  onChange: (criteria: SearchCriteria) => void;
  onSearch: (criteria: SearchCriteria) => void;
  onClear: () => void;
}) => {
  const translate = useTranslate();
  const fieldMessage = useFieldErrorMessage();
  const { error } = useListContext();
  const [localError, setLocalError] = useState<string | null>(null);
  const current = MODES.find((m) => m.mode === criteria.mode) ?? MODES[0]!;

  const serverFieldErrors = isApiError(error) ? error.errors : [];
  const textError = serverFieldErrors.find((e) => TEXT_FIELDS.has(fieldName(e)));
  const textErrorMessage = localError ?? (textError ? fieldMessage(textError) : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!criteria.text.trim() && !criteria.kind && !criteria.status && !criteria.service) {
      setLocalError(translate(sk('search.errors.required')));
      return;
    }
    setLocalError(null);
    onSearch(criteria);
  };

  const setText = (text: string) => {
    const guessed = guessMode(text);
    // Someone who pastes an email into the phone box means an email search, and the other way round.
    const mode =
      guessed && guessed !== criteria.mode && !(guessed === 'phone' && criteria.mode === 'email')
        ? guessed
        : criteria.mode;
    setLocalError(null);
    onChange({ ...criteria, text, mode });
  };

  const setFilter = (key: 'kind' | 'status' | 'service', value: string) => {
    const next = { ...criteria, [key]: value };
    onChange(next);
    // Filters apply at once; the text box waits for Enter.
    if (toFilter(next)) onSearch(next);
  };

  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent component="form" onSubmit={submit} noValidate data-testid="subject-search-form">
        <Typography variant="h5" component="h1" gutterBottom>
          {translate(sk('search.title'))}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 820 }}>
          {translate(sk('search.intro'))}
        </Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
          <Box>
            <Typography variant="caption" component="div" color="text.secondary" sx={{ mb: 0.5 }}>
              {translate(sk('search.by'))}
            </Typography>
            <ToggleButtonGroup
              exclusive
              size="small"
              color="primary"
              value={criteria.mode}
              onChange={(_event, mode: SearchMode | null) => {
                if (mode) onChange({ ...criteria, mode });
              }}
              aria-label={translate(sk('search.by'))}
            >
              {MODES.map(({ mode, icon }) => (
                <ToggleButton
                  key={mode}
                  value={mode}
                  data-testid={`subject-search-mode-${mode}`}
                  sx={{ gap: 0.75, px: 1.5, whiteSpace: 'nowrap' }}
                >
                  {icon}
                  {translate(sk(`search.modes.${mode}`))}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
          <TextField
            name="subject-search"
            label={translate(sk(`search.labels.${criteria.mode}`))}
            placeholder={translate(sk(`search.placeholders.${criteria.mode}`))}
            value={criteria.text}
            onChange={(event) => setText(event.target.value)}
            error={Boolean(textErrorMessage)}
            helperText={textErrorMessage ?? translate(sk(`search.help.${criteria.mode}`))}
            type={current.type}
            autoFocus
            autoComplete="off"
            fullWidth
            sx={{ flex: 1, minWidth: 260, mt: { md: '20px !important' } }}
            slotProps={{
              htmlInput: { inputMode: current.inputMode, maxLength: 254, 'data-testid': 'subject-search-input' },
              formHelperText: { 'data-testid': 'subject-search-helper' } as object,
              input: {
                startAdornment: (
                  <InputAdornment position="start">
                    <SearchIcon fontSize="small" />
                  </InputAdornment>
                ),
              },
            }}
          />
          <Stack direction="row" spacing={1} sx={{ mt: { md: '28px !important' } }}>
            <Button type="submit" variant="contained" data-testid="subject-search-submit">
              {translate(sk('search.submit'))}
            </Button>
            <Button onClick={onClear} data-testid="subject-search-clear">
              {translate(sk('search.clear'))}
            </Button>
          </Stack>
        </Stack>
        <Stack direction="row" spacing={2} useFlexGap sx={{ mt: 2, flexWrap: 'wrap' }}>
          <SelectFilter
            name="kind"
            value={criteria.kind}
            choices={kindChoices}
            onChange={(v) => setFilter('kind', v)}
          />
          <SelectFilter
            name="status"
            value={criteria.status}
            choices={statusChoices}
            onChange={(v) => setFilter('status', v)}
          />
          <SelectFilter
            name="service"
            value={criteria.service}
            choices={serviceChoices}
            onChange={(v) => setFilter('service', v)}
          />
        </Stack>
        <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center', color: 'text.secondary' }}>
          <LockOutlinedIcon fontSize="inherit" />
          <Typography variant="caption">{translate(sk('search.privacy'))}</Typography>
        </Stack>
      </CardContent>
    </Card>
  );
};

const StartPanel = () => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ bgcolor: 'grey.50' }} data-testid="subject-search-start">
      <CardContent sx={{ textAlign: 'center', py: 5 }}>
        <PhoneIphoneOutlinedIcon color="primary" sx={{ fontSize: 48, mb: 1 }} />
        <Typography variant="h6" component="h2" gutterBottom>
          {translate(sk('search.start_title'))}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 620, mx: 'auto' }}>
          {translate(sk('search.start_hint'))}
        </Typography>
      </CardContent>
    </Card>
  );
};

/** The year someone joined, which tells apart people whose masked names read the same. */
const useJoined = () => {
  const translate = useTranslate();
  return (record: SubjectListItem) => (record.joinedYear ? translate(sk('joined'), { year: record.joinedYear }) : '');
};

const NameField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<SubjectListItem>();
  const joined = useJoined();
  return record ? (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="subject-row-name">
        {record.name}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ whiteSpace: 'nowrap' }}
        data-testid="subject-row-joined"
      >
        {joined(record)}
      </Typography>
    </>
  ) : null;
};
const KindField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<SubjectListItem>();
  return record ? <KindChip kind={record.kind} /> : null;
};
const StatusField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<SubjectListItem>();
  return record ? <StatusChip status={record.status} /> : null;
};
const ServiceField = (_props: { source?: string; label?: string }) => {
  const record = useRecordContext<SubjectListItem>();
  return record ? <ServiceLabel service={record.service} /> : null;
};
const MaskedField = ({ source }: { source: 'email' | 'phone'; label?: string }) => {
  const translate = useTranslate();
  const record = useRecordContext<SubjectListItem>();
  if (!record) return null;
  const value = record[source];
  return (
    <Typography
      variant="body2"
      sx={{ fontFamily: MONOSPACE, whiteSpace: 'nowrap' }}
      data-testid={`subject-row-${source}`}
    >
      {value ?? translate('app.none')}
    </Typography>
  );
};
const AgeField = (_props: { source?: string; label?: string }) => {
  const age = useAge();
  const record = useRecordContext<SubjectListItem>();
  return record ? <Typography variant="body2">{age(record.age)}</Typography> : null;
};
const LastActiveField = (_props: { source?: string; label?: string }) => {
  const format = useFormatDateTime();
  const record = useRecordContext<SubjectListItem>();
  return record ? (
    <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
      {format(record.lastActiveAt)}
    </Typography>
  ) : null;
};

const NoResults = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ m: 2 }} data-testid="subject-search-empty">
      {translate(sk('search.no_results'))}
    </Alert>
  );
};

const Results = () => {
  const translate = useTranslate();
  const isPhone = useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
  const age = useAge();
  const joined = useJoined();
  const [locale] = useLocaleState();
  const { total, error, isPending, meta } = useListContext<SubjectListItem>();
  // The server stops counting past 1,000 matches (Content-Range "…/1001+"): "more than 1,000".
  const atLeast = (meta as { totalAtLeast?: number } | undefined)?.totalAtLeast;
  if (error) {
    // Field errors are shown on the search box; anything else here.
    if (isApiError(error) && error.errors.some((e) => TEXT_FIELDS.has(fieldName(e)))) return null;
    return <ProblemAlert error={error} />;
  }
  return (
    <Card variant="outlined" data-testid="subject-results">
      {!isPending && total !== undefined && total > 0 && (
        <Typography variant="subtitle2" component="p" sx={{ px: 2, pt: 1.5 }} data-testid="subject-results-count">
          {translate(sk('search.results'), { smart_count: total })}
        </Typography>
      )}
      {!isPending && total === undefined && atLeast !== undefined && (
        <Typography variant="subtitle2" component="p" sx={{ px: 2, pt: 1.5 }} data-testid="subject-results-count">
          {translate(sk('search.results_more'), { count: (atLeast - 1).toLocaleString(locale) })}
        </Typography>
      )}
      {isPhone ? (
        <SimpleList<SubjectListItem>
          linkType="show"
          empty={<NoResults />}
          primaryText={(record) =>
            [record.name, translate(sk(`kinds.${record.kind}`)), age(record.age)].filter(Boolean).join(' · ')
          }
          secondaryText={(record) =>
            [record.phone, translate(sk(`services.${record.service}`)), joined(record)].filter(Boolean).join(' · ')
          }
          tertiaryText={(record) => translate(sk(`statuses.${record.status}`))}
        />
      ) : (
        <DataTable<SubjectListItem> rowClick="show" bulkActionButtons={false} empty={<NoResults />} size="small">
          <DataTable.Col source="name" field={NameField} disableSort />
          <DataTable.Col source="kind" field={KindField} disableSort />
          <DataTable.Col source="status" field={StatusField} disableSort />
          <DataTable.Col source="phone" field={MaskedField} disableSort />
          <DataTable.Col source="email" field={MaskedField} disableSort />
          <DataTable.Col source="age" field={AgeField} disableSort />
          <DataTable.Col source="service" field={ServiceField} disableSort />
          <DataTable.Col source="lastActiveAt" field={LastActiveField} />
        </DataTable>
      )}
      <Pagination rowsPerPageOptions={[25, 50, 100]} />
    </Card>
  );
};

/** Applies a new search from page 1. */
const SearchArea = ({
  criteria,
  applied,
  setCriteria,
  apply,
}: {
  criteria: SearchCriteria;
  applied: SearchCriteria | null;
  setCriteria: (criteria: SearchCriteria) => void;
  apply: (criteria: SearchCriteria | null) => void;
}) => {
  const { setPage } = useListContext();
  return (
    <>
      <SearchForm
        criteria={criteria}
        onChange={setCriteria}
        onSearch={(next) => {
          setPage(1);
          apply(next);
        }}
        onClear={() => {
          setCriteria(EMPTY_CRITERIA);
          apply(null);
        }}
      />
      {applied ? <Results /> : <StartPanel />}
    </>
  );
};

const NO_FILTER = {};

const SubjectSearch = ({ staffId }: { staffId: string }) => {
  const [criteria, setCriteria] = useState<SearchCriteria>(() => recallSearch(staffId) ?? EMPTY_CRITERIA);
  const [applied, setApplied] = useState<SearchCriteria | null>(() => {
    const recalled = recallSearch(staffId);
    return recalled && toFilter(recalled) ? recalled : null;
  });
  const filter = useMemo(() => (applied ? toFilter(applied) : null), [applied]);

  const apply = (next: SearchCriteria | null) => {
    const normalised = next && toFilter(next) ? next : null;
    setApplied(normalised);
    rememberSearch(staffId, normalised);
  };

  return (
    <ListBase<SubjectListItem>
      resource="subjects"
      filter={filter ?? NO_FILTER}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      // The search is personal data: no URL, no localStorage (see searchMemory.ts).
      disableSyncWithLocation
      storeKey={false}
      queryOptions={{ enabled: filter !== null, refetchOnWindowFocus: false, onError: () => undefined }}
    >
      <SearchArea criteria={criteria} applied={applied} setCriteria={setCriteria} apply={apply} />
    </ListBase>
  );
};

const SubjectListView = () => {
  const { identity, isPending } = useGetIdentity();
  return (
    <Box sx={{ mt: 1, mb: 2 }}>
      <Title title={sk('search.title')} />
      {!isPending && identity && <SubjectSearch key={String(identity.id)} staffId={String(identity.id)} />}
    </Box>
  );
};

export const SubjectList = () => (
  <RequireAccess resource="subjects" action="list">
    <SubjectListView />
  </RequireAccess>
);
