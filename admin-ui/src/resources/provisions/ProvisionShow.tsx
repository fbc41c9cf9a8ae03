import { useRecordContext } from 'react-admin';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { BilingualDetail, PolicyDetail, RetentionDetail, StatusDetail } from '../registers/registerDetails';
import { EnumField } from '../registers/registerFields';
import type { Provision } from '../registers/registerTypes';

const ProvisionDetails = () => {
  const record = useRecordContext<Provision>();
  if (!record) return null;
  return (
    <DetailsGrid>
      <StatusDetail />
      <PolicyDetail />
      <Detail source="legalBasis">
        <EnumField source="legalBasis" group="provision_bases" />
      </Detail>
      <BilingualDetail source="recipient" wide />
      <BilingualDetail source="purpose" wide />
      <BilingualDetail source="items" wide />
      <RetentionDetail wide />
      <BilingualDetail source="refusal" wide />
    </DetailsGrid>
  );
};

export const ProvisionShow = () => (
  <RegisterShow>
    <ProvisionDetails />
  </RegisterShow>
);
