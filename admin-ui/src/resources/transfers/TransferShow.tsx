import { Alert, Stack } from '@mui/material';
import { ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import {
  BilingualTextField,
  CountryField,
  EnumField,
  RetentionField,
  RetentionRule,
  TransferStateField,
} from '../registers/registerFields';
import { POLICIES } from '../registers/registerResources';
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
        <Detail source="policyId">
          <ReferenceField source="policyId" reference={POLICIES} link={false}>
            <RecordLabel />
          </ReferenceField>
        </Detail>
        <Detail source="country">
          <CountryField source="country" />
        </Detail>
        <Detail source="recipient" wide>
          <BilingualTextField source="recipient" />
        </Detail>
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
        <Detail source="items" wide>
          <BilingualTextField source="items" />
        </Detail>
        <Detail source="purpose" wide>
          <BilingualTextField source="purpose" />
        </Detail>
        <Detail source="retention" wide>
          <Stack>
            <RetentionField source="retention" />
            <RetentionRule retention={record.retention} />
          </Stack>
        </Detail>
        <Detail source="timingMethod" wide>
          <BilingualTextField source="timingMethod" />
        </Detail>
        <Detail source="refusal" wide>
          <BilingualTextField source="refusal" />
        </Detail>
      </DetailsGrid>
    </Stack>
  );
};

export const TransferShow = () => (
  <RegisterShow>
    <TransferDetails />
  </RegisterShow>
);
