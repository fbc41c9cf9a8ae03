import { Box, Typography } from '@mui/material';
import SubdirectoryArrowRightIcon from '@mui/icons-material/SubdirectoryArrowRight';
import { DataTable, ReferenceField, SelectInput, useRecordContext, useTranslate } from 'react-admin';
import { useRowLabel } from '../registers/RecordLabel';
import { RegisterList, RegisterTable, registerFilters } from '../registers/RegisterPages';
import {
  CountryField,
  DeadlineField,
  LocalizedTextField,
  MissingTermsField,
  StatusField,
  useLocalized,
} from '../registers/registerFields';
import { enumChoices } from '../registers/registerInputs';
import { PROCESSORS } from '../registers/registerResources';
import { PROCESSOR_STATUSES, type Processor } from '../registers/registerTypes';

/** "Sub-processor of Amazon Web Services", inside a ReferenceField to the parent. */
export const SubProcessorOf = () => {
  const parent = useRecordContext<Processor>();
  const translate = useTranslate();
  const label = useRowLabel();
  if (!parent) return null;
  return (
    <Typography variant="caption" color="text.secondary" component="div" data-testid="sub-processor-of">
      {translate('resources.registers.sub_processor_of', { name: label(PROCESSORS, parent) })}
    </Typography>
  );
};

/** The recipient; a sub-processor shows whose, indented under it. */
const RecipientField = (_props: { source?: string }) => {
  const record = useRecordContext<Processor>();
  const localized = useLocalized();
  if (!record) return null;
  return (
    <Box sx={record.parentId ? { pl: 1.5 } : undefined}>
      <Typography variant="body2" sx={{ fontWeight: 500, display: 'flex', alignItems: 'center', gap: 0.5 }}>
        {record.parentId && <SubdirectoryArrowRightIcon fontSize="small" color="action" />}
        {localized(record.recipient)}
      </Typography>
      {record.parentId && (
        <ReferenceField source="parentId" reference={PROCESSORS} link={false}>
          <SubProcessorOf />
        </ReferenceField>
      )}
    </Box>
  );
};

const filters = registerFilters([
  <SelectInput key="status" source="status" choices={enumChoices('status', PROCESSOR_STATUSES)} alwaysOn />,
]);

const ProcessorTable = () => (
  <RegisterTable>
    <DataTable.Col source="recipient" field={RecipientField} />
    <DataTable.Col source="task" disableSort>
      <LocalizedTextField source="task" lines={2} />
    </DataTable.Col>
    <DataTable.Col source="country" field={CountryField} disableSort />
    <DataTable.Col source="status" field={StatusField} />
    <DataTable.Col source="missingTerms" field={MissingTermsField} disableSort />
    <DataTable.Col source="dpaExpiresOn">
      <DeadlineField source="dpaExpiresOn" kind="dpa" />
    </DataTable.Col>
    <DataTable.Col source="nextInspectionDue">
      <DeadlineField source="nextInspectionDue" kind="inspection" />
    </DataTable.Col>
  </RegisterTable>
);

export const ProcessorList = () => (
  <RegisterList intro="resources.registers.intro.processors" filters={filters}>
    <ProcessorTable />
  </RegisterList>
);
