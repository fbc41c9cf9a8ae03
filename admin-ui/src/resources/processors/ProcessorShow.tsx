import {
  Box,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import {
  CreateButton,
  Link,
  RecordContextProvider,
  ReferenceField,
  useGetManyReference,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { BilingualDetail, PolicyDetail, RetentionDetail, StatusDetail } from '../registers/registerDetails';
import {
  ContractTermsChecklist,
  CountryField,
  DayField,
  DeadlineField,
  MissingTermsField,
  StatusChip,
  useLocalized,
} from '../registers/registerFields';
import { PROCESSORS } from '../registers/registerResources';
import type { Processor } from '../registers/registerTypes';

const R = 'resources.registers';

/** Adds a sub-processor to this processor: the form opens with its policy and parent filled in. */
const AddSubProcessorButton = () => {
  const record = useRecordContext<Processor>();
  if (!record) return null;
  return (
    <CreateButton
      resource={PROCESSORS}
      label={`${R}.form.add_sub_processor`}
      icon={<AddIcon />}
      state={{ record: { policyId: record.policyId, parentId: record.id } }}
      data-testid="add-sub-processor"
    />
  );
};

/** The processor's sub-processors (re-entrustees), each with its status and contract state. */
const SubProcessors = () => {
  const record = useRecordContext<Processor>();
  const translate = useTranslate();
  const localized = useLocalized();
  const { data, isPending } = useGetManyReference<Processor>(
    PROCESSORS,
    {
      target: 'parentId',
      id: record?.id ?? '',
      pagination: { page: 1, perPage: 100 },
      sort: { field: 'position', order: 'ASC' },
      filter: {},
    },
    { enabled: Boolean(record?.id) },
  );
  if (!record) return null;
  const rows = data ?? [];
  return (
    <Card variant="outlined" sx={{ width: '100%' }} data-testid="sub-processors">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
            {translate(`${R}.sub_processors`)}
          </Typography>
          <AddSubProcessorButton />
        </Stack>
        {isPending ? (
          <Typography variant="body2">{translate('app.loading')}</Typography>
        ) : rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(`${R}.sub_processors_none`)}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate(`resources.${PROCESSORS}.fields.recipient`)}</TableCell>
                <TableCell>{translate(`resources.${PROCESSORS}.fields.task`)}</TableCell>
                <TableCell>{translate(`resources.${PROCESSORS}.fields.status`)}</TableCell>
                <TableCell>{translate(`resources.${PROCESSORS}.fields.contractTerms`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <RecordContextProvider key={row.id} value={row}>
                  <TableRow data-testid="sub-processor-row">
                    <TableCell>
                      <Link to={`/${PROCESSORS}/${encodeURIComponent(row.id)}/show`}>{localized(row.recipient)}</Link>
                    </TableCell>
                    <TableCell>{localized(row.task)}</TableCell>
                    <TableCell>
                      <StatusChip status={row.status} />
                    </TableCell>
                    <TableCell>
                      <MissingTermsField />
                    </TableCell>
                  </TableRow>
                </RecordContextProvider>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

const ProcessorDetails = () => {
  const record = useRecordContext<Processor>();
  if (!record) return null;
  return (
    <Stack spacing={3} sx={{ width: '100%' }}>
      <DetailsGrid>
        <StatusDetail />
        <PolicyDetail />
        {record.parentId && (
          <Detail source="parentId">
            <ReferenceField source="parentId" reference={PROCESSORS} link="show">
              <RecordLabel />
            </ReferenceField>
          </Detail>
        )}
        <BilingualDetail source="recipient" wide />
        <BilingualDetail source="task" wide />
        <BilingualDetail source="items" wide />
        <BilingualDetail source="protectionMeasures" wide />
        <RetentionDetail />
        <Detail source="country">
          <CountryField source="country" emptyText={`${R}.form.no_country`} />
        </Detail>
        <Detail source="contact">{record.contact || '—'}</Detail>
      </DetailsGrid>
      <Box>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
          <ContractHeading />
        </Typography>
        <DetailsGrid>
          <Detail source="contractTerms" label={`${R}.contract_terms.title`} wide>
            <ContractTermsChecklist terms={record.contractTerms} />
          </Detail>
          <Detail source="dpaSignedOn">
            <DayField source="dpaSignedOn" />
          </Detail>
          <Detail source="dpaExpiresOn">
            <DeadlineField source="dpaExpiresOn" kind="dpa" />
          </Detail>
          <Detail source="lastInspectionOn">
            <DayField source="lastInspectionOn" />
          </Detail>
          <Detail source="nextInspectionDue">
            <DeadlineField source="nextInspectionDue" kind="inspection" />
          </Detail>
        </DetailsGrid>
      </Box>
      {!record.parentId && <SubProcessors />}
    </Stack>
  );
};

const ContractHeading = () => {
  const translate = useTranslate();
  return <>{translate(`${R}.form.contract`)}</>;
};

export const ProcessorShow = () => (
  <RegisterShow>
    <ProcessorDetails />
  </RegisterShow>
);
