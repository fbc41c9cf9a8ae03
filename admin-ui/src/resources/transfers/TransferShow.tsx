import { Alert, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { BilingualDetail, PolicyDetail, RetentionDetail } from '../registers/registerDetails';
import { CountryField, EnumField, TransferStateField } from '../registers/registerFields';
import type { Transfer } from '../registers/registerTypes';

const R = 'resources.registers';

const TransferDetails = () => {
  const record = useRecordContext<Transfer>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack spacing={2} sx={{ width: '100%' }}>
      {record.suspended && record.inUse && (
        <Alert severity="error" data-testid="suspended-in-use">
          {translate(`${R}.alerts.detail.suspended`)}
        </Alert>
      )}
      <DetailsGrid>
        <Detail source="inUse" label={`${R}.form.state`}>
          <TransferStateField />
        </Detail>
        <PolicyDetail />
        <Detail source="country">
          <CountryField source="country" />
        </Detail>
        <BilingualDetail source="recipient" wide />
        <Detail source="contact">{record.contact || '—'}</Detail>
        <Detail source="pipaBasis">
          <EnumField source="pipaBasis" group="pipa_bases" />
        </Detail>
        <Detail source="gdprMechanism">
          <EnumField source="gdprMechanism" group="gdpr_mechanisms" empty={`${R}.gdpr_mechanisms.not_assessed`} />
        </Detail>
        {record.derogation && (
          <Detail source="derogation">
            <EnumField source="derogation" group="derogations" />
          </Detail>
        )}
        <BilingualDetail source="items" wide />
        <BilingualDetail source="purpose" wide />
        <RetentionDetail wide />
        <BilingualDetail source="timingMethod" wide />
        <BilingualDetail source="refusal" wide />
      </DetailsGrid>
    </Stack>
  );
};

export const TransferShow = () => (
  <RegisterShow>
    <TransferDetails />
  </RegisterShow>
);
