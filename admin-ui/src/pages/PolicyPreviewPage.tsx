import { useEffect, useRef, useState } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Link, Title, useGetList, useTranslate } from 'react-admin';
import { CopyButton } from '../components/CopyButton';
import { ProblemAlert } from '../components/ProblemAlert';
import { RequireAccess } from '../components/RequireAccess';
import { useOrgCalendar } from '../providers/calendar';
import { saveBlob } from '../providers/download';
import { http } from '../providers/http';
import { useLocalized } from '../resources/registers/registerFields';
import { POLICIES } from '../resources/registers/registerResources';
import {
  POLICY_TABLES,
  type DriftReport,
  type PolicyTable,
  type RegisterPolicy,
  type RenderedPolicy,
} from '../resources/registers/registerTypes';
import { MONOSPACE } from '../layout/theme';
import { LANGUAGE_NAMES } from '../i18n/locale';

const R = 'resources.registers';
type TableChoice = 'all' | (typeof POLICY_TABLES)[number];

/** Styles for the server's HTML inside the sandboxed frame: plain readable tables. */
const FRAME_STYLE = `
  body { font-family: Roboto, "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", NanumGothic, Arial, sans-serif;
         font-size: 14px; line-height: 1.5; color: #222; margin: 0; padding: 4px; word-break: keep-all; overflow-wrap: anywhere; }
  h1, h2, h3, h4 { font-size: 16px; margin: 18px 0 8px; }
  table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
  th, td { border: 1px solid #ccc; padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #f3f5f8; font-weight: 600; }
`;

/**
 * The server's HTML in a frame without scripts: the text comes from the registers, so it is
 * shown the way the published policy would show it, and nothing in it can run.
 */
const HtmlFrame = ({ html, title }: { html: string; title: string }) => {
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(200);
  const fit = () => {
    const body = frame.current?.contentDocument?.body;
    if (body) setHeight(body.scrollHeight + 16);
  };
  useEffect(() => {
    const onResize = () => fit();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <Box
      component="iframe"
      ref={frame}
      title={title}
      sandbox="allow-same-origin"
      srcDoc={`<!doctype html><html><head><meta charset="utf-8"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`}
      onLoad={fit}
      sx={{ width: '100%', height, border: 0, display: 'block' }}
      data-testid="policy-html"
    />
  );
};

const Choice = <T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string }[];
  onChange: (value: T) => void;
  testId: string;
}) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
      {label}
    </Typography>
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_event, next: T | null) => {
        if (next) onChange(next);
      }}
      sx={{ flexWrap: 'wrap' }}
      data-testid={testId}
    >
      {options.map((option) => (
        <ToggleButton key={option.value} value={option.value} data-value={option.value} sx={{ textTransform: 'none' }}>
          {option.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  </Box>
);

const Preview = ({ policy }: { policy: RegisterPolicy }) => {
  const translate = useTranslate();
  const [table, setTable] = useState<TableChoice>('all');
  const [lang, setLang] = useState<'ko' | 'en'>('ko');
  const [format, setFormat] = useState<'html' | 'markdown'>('html');
  const [asOf, setAsOf] = useState('');
  const today = useOrgCalendar()?.today;
  const rendered = useQuery({
    queryKey: ['registers', 'render', policy.id, table, lang, format, asOf],
    queryFn: () =>
      http.get<RenderedPolicy>(`/registers/policies/${encodeURIComponent(policy.id)}/render`, {
        table,
        lang,
        format,
        asOf: asOf || undefined,
      }),
  });
  const empty =
    rendered.isSuccess && rendered.data.tables.every((t) => t.sections.every((section) => section.rows.length === 0));
  // Offer only the tables this policy has (the server says which); until it answers, all of them.
  const [policyTables, setPolicyTables] = useState<readonly PolicyTable[]>(POLICY_TABLES);
  const answered = rendered.data?.policyTables;
  useEffect(() => {
    if (answered) setPolicyTables(answered);
  }, [answered]);

  return (
    <Card variant="outlined" data-testid="policy-preview">
      <CardContent>
        <Stack direction="row" useFlexGap spacing={3} sx={{ flexWrap: 'wrap', mb: 2, alignItems: 'flex-end' }}>
          <Choice<TableChoice>
            label={translate(`${R}.preview.table`)}
            value={table}
            onChange={setTable}
            testId="preview-table"
            options={(['all', ...policyTables] as TableChoice[]).map((value) => ({
              value,
              label: translate(`${R}.preview.tables.${value}`),
            }))}
          />
          <Choice<'ko' | 'en'>
            label={translate(`${R}.preview.lang`)}
            value={lang}
            onChange={setLang}
            testId="preview-lang"
            options={[
              { value: 'ko', label: LANGUAGE_NAMES.ko },
              { value: 'en', label: LANGUAGE_NAMES.en },
            ]}
          />
          <Choice<'html' | 'markdown'>
            label={translate(`${R}.preview.format`)}
            value={format}
            onChange={setFormat}
            testId="preview-format"
            options={[
              { value: 'html', label: translate(`${R}.preview.formats.html`) },
              { value: 'markdown', label: translate(`${R}.preview.formats.markdown`) },
            ]}
          />
          <TextField
            type="date"
            size="small"
            label={translate(`${R}.preview.as_of`)}
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
            sx={{ width: 220 }}
          />
        </Stack>
        {rendered.isPending ? (
          <CircularProgress size={24} aria-label={translate('app.loading')} />
        ) : rendered.isError ? (
          <ProblemAlert error={rendered.error} />
        ) : (
          <>
            {empty && (
              <Alert severity="info" sx={{ mb: 2 }}>
                {translate(`${R}.preview.no_rows`)}
              </Alert>
            )}
            {format === 'html' ? (
              <HtmlFrame html={rendered.data.content} title={translate(`${R}.preview.frame_title`)} />
            ) : (
              <>
                <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
                  <CopyButton text={rendered.data.content} label={`${R}.preview.copy_markdown`} />
                  <Button
                    size="small"
                    variant="outlined"
                    startIcon={<DownloadIcon />}
                    onClick={() =>
                      saveBlob(
                        new Blob([rendered.data.content], { type: 'text/markdown;charset=utf-8' }),
                        `${policy.code}-${table}-${lang}.md`,
                      )
                    }
                  >
                    {translate(`${R}.preview.download_markdown`)}
                  </Button>
                </Stack>
                <Box
                  component="pre"
                  data-testid="policy-markdown"
                  sx={{
                    m: 0,
                    p: 2,
                    bgcolor: 'grey.50',
                    border: 1,
                    borderColor: 'divider',
                    borderRadius: 1,
                    fontFamily: `"NanumGothicCoding", ${MONOSPACE}`,
                    fontSize: '0.8rem',
                    whiteSpace: 'pre-wrap',
                    overflowWrap: 'anywhere',
                    maxHeight: 560,
                    overflow: 'auto',
                  }}
                >
                  {rendered.data.content}
                </Box>
              </>
            )}
          </>
        )}
      </CardContent>
    </Card>
  );
};

const DriftResult = ({ report }: { report: DriftReport }) => {
  const translate = useTranslate();
  const missing = report.differences.filter((d) => d.kind === 'missing_table');
  if (report.tablesChecked.length === 0 && report.differences.length === 0) {
    return (
      <Alert severity="warning" data-testid="drift-no-tables">
        {translate(`${R}.drift.no_tables`)}
      </Alert>
    );
  }
  return (
    <Stack spacing={2} data-testid="drift-result" data-in-sync={report.inSync} data-count={report.differences.length}>
      {report.inSync ? (
        <Alert severity="success" icon={<CheckCircleOutlineIcon />} data-testid="drift-in-sync">
          {translate(`${R}.drift.in_sync`)}
        </Alert>
      ) : (
        <Alert severity="warning">
          {translate(`${R}.drift.out_of_sync`, { smart_count: report.differences.length })}
        </Alert>
      )}
      {missing.length > 0 && (
        // A table the text lacks altogether is the first thing to fix: named on its own, not only as a row below.
        <Alert severity="error" data-testid="drift-missing-tables">
          <AlertTitle>{translate(`${R}.drift.missing_title`)}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {missing.map((difference) => (
              <li key={difference.table} data-testid="drift-missing-table" data-table={difference.table}>
                {translate(difference.section ? `${R}.drift.missing_item` : `${R}.drift.missing_item_no_section`, {
                  table: translate(`${R}.preview.tables.${difference.table}`),
                  section: difference.section ?? '',
                  smart_count: difference.registerRows ?? 0,
                })}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {report.tablesChecked.length === 0 && (
        <Alert severity="info" data-testid="drift-no-tables">
          {translate(`${R}.drift.no_tables`)}
        </Alert>
      )}
      <Box hidden={report.tablesChecked.length === 0 && report.ignoredTables.length === 0}>
        <Typography variant="caption" color="text.secondary" component="div">
          {translate(`${R}.drift.tables_checked`)}
        </Typography>
        <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', mt: 0.5 }}>
          {report.tablesChecked.map((checked) => (
            <Chip
              key={`${checked.table}:${checked.lang}`}
              size="small"
              variant="outlined"
              label={translate(`${R}.drift.table_rows`, {
                table: translate(`${R}.preview.tables.${checked.table}`),
                lang: translate(`${R}.languages.${checked.lang}`),
                smart_count: checked.rows,
              })}
            />
          ))}
          {report.ignoredTables.length > 0 && (
            <Chip size="small" label={translate(`${R}.drift.ignored`, { smart_count: report.ignoredTables.length })} />
          )}
        </Stack>
      </Box>
      {report.differences.length > 0 && (
        <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
          <Table size="small" sx={{ '& td': { verticalAlign: 'top' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${R}.preview.table`)}</TableCell>
                <TableCell />
                <TableCell>{translate(`${R}.drift.row`)}</TableCell>
                <TableCell>{translate(`${R}.drift.column`)}</TableCell>
                <TableCell>{translate(`${R}.drift.register_value`)}</TableCell>
                <TableCell>{translate(`${R}.drift.policy_value`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.differences.map((difference, index) => (
                <TableRow
                  key={`${difference.table}:${difference.row}:${difference.column ?? ''}:${index}`}
                  data-testid="drift-difference"
                  data-kind={difference.kind}
                >
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {translate(`${R}.preview.tables.${difference.table}`)}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      color={difference.kind === 'changed_cell' ? 'warning' : 'error'}
                      label={translate(`${R}.drift.kinds.${difference.kind}`)}
                    />
                  </TableCell>
                  <TableCell sx={{ fontWeight: 500 }}>
                    {difference.kind === 'missing_table' ? (difference.section ?? difference.title) : difference.row}
                  </TableCell>
                  {difference.kind === 'changed_cell' ? (
                    <>
                      <TableCell>{difference.column ?? ''}</TableCell>
                      <TableCell sx={{ bgcolor: 'rgba(46, 125, 50, 0.06)', whiteSpace: 'pre-line' }}>
                        {difference.registerValue ?? ''}
                      </TableCell>
                      <TableCell sx={{ bgcolor: 'rgba(211, 47, 47, 0.05)', whiteSpace: 'pre-line' }}>
                        {difference.policyValue ?? ''}
                      </TableCell>
                    </>
                  ) : (
                    <TableCell colSpan={3} sx={{ color: 'text.secondary' }}>
                      {translate(`${R}.drift.kind_help.${difference.kind}`)}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
};

/** Paste the published policy; the server lists every difference from the registers. */
const DriftCheck = ({ policy }: { policy: RegisterPolicy }) => {
  const translate = useTranslate();
  const [markdown, setMarkdown] = useState('');
  const drift = useMutation({
    mutationFn: () =>
      http.post<DriftReport>(`/registers/policies/${encodeURIComponent(policy.id)}/drift`, { markdown }),
  });
  return (
    <Card variant="outlined" data-testid="drift-check">
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate(`${R}.drift.title`)}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(`${R}.drift.intro`)}
        </Typography>
        <TextField
          name="markdown"
          label={translate(`${R}.drift.markdown`)}
          value={markdown}
          onChange={(event) => setMarkdown(event.target.value)}
          multiline
          minRows={6}
          maxRows={20}
          fullWidth
          slotProps={{ htmlInput: { maxLength: 500_000, style: { fontFamily: MONOSPACE, fontSize: '0.8rem' } } }}
        />
        <Button
          variant="contained"
          sx={{ mt: 2, mb: 2 }}
          disabled={markdown.trim() === '' || drift.isPending}
          onClick={() => drift.mutate()}
          data-testid="drift-submit"
        >
          {translate(drift.isPending ? `${R}.drift.checking` : `${R}.drift.check`)}
        </Button>
        <ProblemAlert error={drift.error} />
        {drift.data && <DriftResult report={drift.data} />}
      </CardContent>
    </Card>
  );
};

const PolicyPreview = () => {
  const translate = useTranslate();
  const localized = useLocalized();
  const [params, setParams] = useSearchParams();
  const {
    data: policies,
    isPending,
    error,
  } = useGetList<RegisterPolicy>(POLICIES, {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'code', order: 'ASC' },
  });
  const chosen = policies?.find((policy) => policy.id === params.get('policy')) ?? policies?.[0];

  return (
    <Box sx={{ mt: 2, mb: 4 }} data-testid="policy-preview-page">
      <Title title={`${R}.preview.title`} />
      <Typography variant="h5" component="h1" gutterBottom>
        {translate(`${R}.preview.title`)}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 960 }}>
        {translate(`${R}.preview.intro`)}
      </Typography>
      {isPending ? (
        <CircularProgress size={24} aria-label={translate('app.loading')} />
      ) : error ? (
        <ProblemAlert error={error} />
      ) : !chosen ? (
        <Alert
          severity="info"
          action={
            <Button component={Link} to={`/${POLICIES}`} color="inherit" size="small">
              {translate(`${R}.preview.open_policies`)}
            </Button>
          }
        >
          {translate(`${R}.preview.no_policy`)}
        </Alert>
      ) : (
        <Stack spacing={2}>
          <TextField
            select
            size="small"
            label={translate(`${R}.preview.policy`)}
            value={chosen.id}
            onChange={(event) => setParams({ policy: event.target.value }, { replace: true })}
            sx={{ maxWidth: 420 }}
            slotProps={{ htmlInput: { 'data-testid': 'preview-policy' } }}
          >
            {(policies ?? []).map((policy) => (
              <MenuItem key={policy.id} value={policy.id}>
                {localized(policy.name) || policy.code}
              </MenuItem>
            ))}
          </TextField>
          <Preview key={chosen.id} policy={chosen} />
          <DriftCheck key={`drift-${chosen.id}`} policy={chosen} />
        </Stack>
      )}
    </Box>
  );
};

/** The privacy policy's tables as the registers produce them, and the drift check. */
export const PolicyPreviewPage = () => (
  <RequireAccess resource={POLICIES} action="list">
    <PolicyPreview />
  </RequireAccess>
);
