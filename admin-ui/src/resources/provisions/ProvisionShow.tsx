import { Stack } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { BilingualTextField, EnumField, RetentionField, RetentionRule, StatusField } from '../registers/registerFields';
import { POLICIES } from '../registers/registerResources';
import type { Provision } from '../registers/registerTypes';

const ProvisionDetails = () => {
  const record = useRecordContext<Provision>();
  if (!record) return null;
  return (
    <DetailsGrid>
      <Detail source="status">
        <StatusField />
      </Detail>
      <Detail source="policyId">
        <ReferenceField source="policyId" reference={POLICIES} link={false}>
          <RecordLabel />
        </ReferenceField>
      </Detail>
      <Detail source="legalBasis">
        <EnumField source="legalBasis" group="provision_bases" />
      </Detail>
      <Detail source="recipient" wide>
        <BilingualTextField source="recipient" />
      </Detail>
      <Detail source="purpose" wide>
        <BilingualTextField source="purpose" />
      </Detail>
      <Detail source="items" wide>
        <BilingualTextField source="items" />
      </Detail>
      <Detail source="retention" wide>
        <Stack>
          <RetentionField source="retention" />
          <RetentionRule retention={record.retention} />
        </Stack>
      </Detail>
      <Detail source="refusal" wide>
        <BilingualTextField source="refusal" />
      </Detail>
    </DetailsGrid>
  );
};

export const ProvisionShow = () => (
  <RegisterShow>
    <ProvisionDetails />
  </RegisterShow>
);
