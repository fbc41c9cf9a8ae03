import { Box, Chip, Typography } from '@mui/material';
import { DataTable, NullableBooleanInput, useRecordContext, useTranslate } from 'react-admin';
import { RegisterList, RegisterTable, registerFilters } from '../registers/RegisterPages';
import {
  CountryField,
  EnumField,
  LocalizedTextField,
  TransferStateField,
  useLocalized,
} from '../registers/registerFields';
import type { Transfer } from '../registers/registerTypes';

const R = 'resources.registers';

const filters = registerFilters([
  <NullableBooleanInput key="inUse" source="inUse" alwaysOn sx={{ minWidth: 160 }} />,
  <NullableBooleanInput key="suspended" source="suspended" sx={{ minWidth: 160 }} />,
]);

/** The recipient and, under it, the contact the policy names. */
const RecipientField = (_props: { source?: string }) => {
  const record = useRecordContext<Transfer>();
  const localized = useLocalized();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {localized(record.recipient)}
      </Typography>
      {record.contact && (
        <Typography variant="caption" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {record.contact}
        </Typography>
      )}
    </Box>
  );
};

/** The GDPR mechanism; "not assessed yet" in orange, since that is an alert. */
const MechanismField = (_props: { source?: string }) => {
  const record = useRecordContext<Transfer>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.gdprMechanism) {
    return <Chip size="small" color="warning" label={translate(`${R}.gdpr_mechanisms.not_assessed`)} />;
  }
  return (
    <Box>
      <EnumField source="gdprMechanism" group="gdpr_mechanisms" />
      {record.derogation && (
        <Typography variant="caption" color="text.secondary" component="div">
          {translate(`${R}.derogations.${record.derogation}`)}
        </Typography>
      )}
    </Box>
  );
};

const TransferTable = () => (
  <RegisterTable>
    <DataTable.Col source="recipient" field={RecipientField} />
    <DataTable.Col source="country" field={CountryField} />
    <DataTable.Col source="items" disableSort>
      <LocalizedTextField source="items" lines={2} />
    </DataTable.Col>
    <DataTable.Col source="pipaBasis" disableSort>
      <EnumField source="pipaBasis" group="pipa_bases" />
    </DataTable.Col>
    <DataTable.Col source="gdprMechanism" disableSort field={MechanismField} />
    <DataTable.Col source="inUse" label="resources.registers.form.state" disableSort field={TransferStateField} />
  </RegisterTable>
);

export const TransferList = () => (
  <RegisterList intro="resources.registers.intro.transfers" filters={filters}>
    <TransferTable />
  </RegisterList>
);
