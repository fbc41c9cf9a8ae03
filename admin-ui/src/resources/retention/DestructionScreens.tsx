import { useState, type ReactNode } from 'react';
import { Box, Button, ButtonGroup, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import PictureAsPdfOutlinedIcon from '@mui/icons-material/PictureAsPdfOutlined';
import {
  DataTable,
  Labeled,
  Link,
  List,
  Show,
  SimpleShowLayout,
  TopToolbar,
  useGetList,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { filenameFromContentDisposition, saveBlob } from '../../providers/download';
import { requestFile } from '../../providers/http';
import {
  DayField,
  InstantField,
  InstantText,
  Intro,
  Localized,
  Muted,
  StatusField,
  usePeriodText,
  useRetentionError,
  useRetentionLabel,
} from './retentionFields';
import { CERTIFICATES, RT, RUNS, type Certificate, type DestructionRun } from './retentionTypes';

const C = `resources.${CERTIFICATES}.fields`;
const R = `resources.${RUNS}.fields`;

/** The certificate as a PDF in Korean or English (an audited download). */
export const CertificatePdfButtons = ({ id, reference }: { id: string; reference: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const errorMessage = useRetentionError();
  const [busy, setBusy] = useState(false);
  const download = async (locale: 'ko' | 'en') => {
    setBusy(true);
    try {
      const response = await requestFile(`/${CERTIFICATES}/${encodeURIComponent(id)}/pdf`, { query: { locale } });
      saveBlob(
        response.body,
        filenameFromContentDisposition(response.headers.get('Content-Disposition'), `${reference}-${locale}.pdf`),
      );
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <ButtonGroup size="small" variant="outlined" disabled={busy} aria-label={translate(`${RT}.certificates.pdf`)}>
      <Button
        startIcon={<PictureAsPdfOutlinedIcon />}
        onClick={() => void download('ko')}
        data-testid="certificate-pdf-ko"
      >
        {translate(`${RT}.certificates.pdf_ko`)}
      </Button>
      <Button onClick={() => void download('en')} data-testid="certificate-pdf-en">
        {translate(`${RT}.certificates.pdf_en`)}
      </Button>
    </ButtonGroup>
  );
};

const PdfField = (_props: { label?: string }) => {
  const record = useRecordContext<Certificate>();
  return record ? (
    <Box onClick={(event) => event.stopPropagation()}>
      <CertificatePdfButtons id={record.id} reference={record.reference} />
    </Box>
  ) : null;
};

const RulesField = (_props: { label?: string }) => {
  const record = useRecordContext<Certificate>();
  const label = useRetentionLabel();
  if (!record) return null;
  return <>{[...new Set(record.lines.map((line) => label('categories', line.category)))].join(', ') || '—'}</>;
};

/** Destruction certificates: per run, what was destroyed under which rule, and who approved it. No personal data. */
export const CertificateList = () => (
  <RequireAccess resource={CERTIFICATES} action="list">
    <List sort={{ field: 'issuedAt', order: 'DESC' }} perPage={25} empty={false} exporter={false}>
      <Intro text={`${RT}.certificates.intro`} />
      <DataTable<Certificate> rowClick="show" bulkActionButtons={false} data-testid="certificate-list">
        <DataTable.Col source="reference" disableSort label={`${C}.reference`} />
        <DataTable.Col source="issuedAt" label={`${C}.issuedAt`}>
          <InstantField source="issuedAt" />
        </DataTable.Col>
        <DataTable.Col source="throughOn" disableSort label={`${C}.throughOn`}>
          <DayField source="throughOn" />
        </DataTable.Col>
        <DataTable.Col source="categories" disableSort label={`${C}.categories`}>
          <RulesField />
        </DataTable.Col>
        {(['people', 'records', 'held'] as const).map((field) => (
          <DataTable.Col
            key={field}
            source={field}
            disableSort
            label={`${C}.${field}`}
            align="right"
            sx={{ whiteSpace: 'nowrap' }}
            render={(c: Certificate) => c[field].toLocaleString()}
          />
        ))}
        <DataTable.Col source="pdf" disableSort label={`${C}.pdf`}>
          <PdfField />
        </DataTable.Col>
      </DataTable>
    </List>
  </RequireAccess>
);

const Pair = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Labeled label={translate(label)} sx={{ mr: 4, mb: 1 }}>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Labeled>
  );
};

const CertificateLines = () => {
  const record = useRecordContext<Certificate>();
  const translate = useTranslate();
  const label = useRetentionLabel();
  const period = usePeriodText();
  if (!record) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Pair label={`${C}.reference`}>{record.reference}</Pair>
        <Pair label={`${C}.issuedAt`}>
          <InstantText at={record.issuedAt} />
        </Pair>
        <Pair label={`${C}.throughOn`}>
          <DayField source="throughOn" />
        </Pair>
        <Pair label={`${C}.people`}>{record.people}</Pair>
        <Pair label={`${C}.records`}>{record.records}</Pair>
        <Pair label={`${C}.held`}>{record.held}</Pair>
        <Pair label={`${C}.run`}>
          <Link to={`/${RUNS}/${record.runId}/show`}>{translate(`${RT}.certificates.open_run`)}</Link>
        </Pair>
      </Box>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 2, mb: 1 }}>
        {translate(`${RT}.certificates.lines`)}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table
          size="small"
          sx={{
            minWidth: 960,
            '& td': { verticalAlign: 'top' },
            '& th, & td:not(:first-of-type)': { whiteSpace: 'nowrap' },
          }}
          data-testid="certificate-lines"
        >
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${C}.rule`)}</TableCell>
              <TableCell>{translate(`${C}.categories`)}</TableCell>
              <TableCell>{translate(`${C}.action`)}</TableCell>
              <TableCell>{translate(`${C}.period`)}</TableCell>
              <TableCell>{translate(`${C}.legalBasis`)}</TableCell>
              <TableCell>{translate(`${C}.approvedBy`)}</TableCell>
              <TableCell align="right">{translate(`${C}.people`)}</TableCell>
              <TableCell align="right">{translate(`${C}.records`)}</TableCell>
              <TableCell align="right">{translate(`${C}.held`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.lines.map((line) => (
              <TableRow key={`${line.ruleId}:${line.ruleVersion}`} data-testid="certificate-line">
                <TableCell>
                  <Localized text={line.name} />
                  <Typography variant="caption" component="div" color="text.secondary">
                    {translate(`${RT}.history.version`, { version: line.ruleVersion })}
                  </Typography>
                </TableCell>
                <TableCell>{label('categories', line.category)}</TableCell>
                <TableCell>{label('actions', line.action)}</TableCell>
                <TableCell>
                  {period(line.period)}
                  <Typography variant="caption" component="div" color="text.secondary">
                    {translate(`${RT}.preview.from`, { trigger: label('triggers', line.trigger) })}
                  </Typography>
                </TableCell>
                <TableCell>{line.legalBasis ?? '—'}</TableCell>
                <TableCell>
                  {line.approvedBy ? (
                    <>
                      {line.approvedBy.name}
                      <Typography variant="caption" component="div" color="text.secondary">
                        <InstantText at={line.approvedAt} />
                      </Typography>
                    </>
                  ) : (
                    <Muted>{translate(`${RT}.rules.seeded`)}</Muted>
                  )}
                </TableCell>
                <TableCell align="right">{line.people}</TableCell>
                <TableCell align="right">{line.records}</TableCell>
                <TableCell align="right">{line.held}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};

const CertificateActions = () => {
  const record = useRecordContext<Certificate>();
  return <TopToolbar>{record && <CertificatePdfButtons id={record.id} reference={record.reference} />}</TopToolbar>;
};

const CertificateTitle = () => {
  const record = useRecordContext<Certificate>();
  const translate = useTranslate();
  return <>{`${translate(`resources.${CERTIFICATES}.name`, { smart_count: 1 })} ${record?.reference ?? ''}`}</>;
};

export const CertificateShow = () => (
  <RequireAccess resource={CERTIFICATES} action="show">
    <Show title={<CertificateTitle />} actions={<CertificateActions />}>
      <SimpleShowLayout>
        <CertificateLines />
      </SimpleShowLayout>
    </Show>
  </RequireAccess>
);

const RunCountsField = (_props: { label?: string }) => {
  const record = useRecordContext<DestructionRun>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <>
      {translate(`${RT}.runs.counts`, { items: record.destroyedItems, records: record.destroyedRecords })}
      {record.error && (
        <Typography variant="caption" component="div" color="error">
          {record.error}
        </Typography>
      )}
    </>
  );
};

/** The run's certificate (written once, when the run completes). */
const RunCertificateField = (_props: { label?: string }) => {
  const record = useRecordContext<DestructionRun>();
  const { data } = useGetList<Certificate>(
    CERTIFICATES,
    { filter: { runId: record?.id }, pagination: { page: 1, perPage: 1 } },
    { enabled: record?.status === 'completed' },
  );
  const certificate = data?.[0];
  if (!certificate) return <Muted>—</Muted>;
  return (
    <Box onClick={(event) => event.stopPropagation()}>
      <Link to={`/${CERTIFICATES}/${certificate.id}/show`}>{certificate.reference}</Link>
    </Box>
  );
};

/** Destruction runs: when each ran, through which day, how it ended, and its certificate. */
export const RunList = () => (
  <RequireAccess resource={RUNS} action="list">
    <List sort={{ field: 'startedAt', order: 'DESC' }} perPage={25} empty={false} exporter={false}>
      <Intro text={`${RT}.runs.intro`} />
      <DataTable<DestructionRun> rowClick="show" bulkActionButtons={false} data-testid="run-list">
        <DataTable.Col source="startedAt" label={`${R}.startedAt`}>
          <InstantField source="startedAt" />
        </DataTable.Col>
        <DataTable.Col source="throughOn" disableSort label={`${R}.throughOn`}>
          <DayField source="throughOn" />
        </DataTable.Col>
        <DataTable.Col source="status" disableSort label={`${R}.status`}>
          <StatusField source="status" />
        </DataTable.Col>
        <DataTable.Col source="finishedAt" disableSort label={`${R}.finishedAt`}>
          <InstantField source="finishedAt" />
        </DataTable.Col>
        <DataTable.Col source="counts" disableSort label={`${R}.counts`}>
          <RunCountsField />
        </DataTable.Col>
        <DataTable.Col source="certificateId" disableSort label={`${R}.certificate`}>
          <RunCertificateField />
        </DataTable.Col>
      </DataTable>
    </List>
  </RequireAccess>
);

export const RunShow = () => (
  <RequireAccess resource={RUNS} action="show">
    <Show>
      <SimpleShowLayout>
        <InstantField source="startedAt" label={`${R}.startedAt`} />
        <InstantField source="finishedAt" label={`${R}.finishedAt`} />
        <DayField source="throughOn" label={`${R}.throughOn`} />
        <StatusField source="status" label={`${R}.status`} />
        <RunCountsField label={`${R}.counts`} />
        <RunCertificateField label={`${R}.certificate`} />
      </SimpleShowLayout>
    </Show>
  </RequireAccess>
);
