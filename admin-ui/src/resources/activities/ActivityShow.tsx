import { ReferenceField, useRecordContext } from 'react-admin';
import { RecordLabel, RowNames } from '../registers/RecordLabel';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import { BilingualDetail, PolicyDetail, RetentionDetail, StatusDetail } from '../registers/registerDetails';
import { EnumChipsField, EnumField } from '../registers/registerFields';
import { PROCESSORS, PROVISIONS, RETENTION_RULES, TRANSFERS } from '../registers/registerResources';
import type { Activity } from '../registers/registerTypes';

const R = 'resources.registers';

const ActivityDetails = () => {
  const record = useRecordContext<Activity>();
  if (!record) return null;
  return (
    <DetailsGrid>
      <StatusDetail />
      <PolicyDetail />
      <BilingualDetail source="section" />
      <BilingualDetail source="name" wide />
      <BilingualDetail source="purpose" wide />
      <BilingualDetail source="items" wide />
      <Detail source="legalBasis">
        <EnumField source="legalBasis" group="activity_bases" />
      </Detail>
      <Detail source="art9Condition">
        <EnumField source="art9Condition" group="art9" empty={`${R}.art9.none`} />
      </Detail>
      <Detail source="subjectCategories">
        <EnumChipsField source="subjectCategories" group="subject_categories" />
      </Detail>
      <Detail source="dataCategories" wide>
        <EnumChipsField source="dataCategories" group="data_categories" />
      </Detail>
      <Detail source="processorIds">
        <RowNames resource={PROCESSORS} ids={record.processorIds ?? []} />
      </Detail>
      <Detail source="provisionIds">
        <RowNames resource={PROVISIONS} ids={record.provisionIds ?? []} />
      </Detail>
      <Detail source="transferIds">
        <RowNames resource={TRANSFERS} ids={record.transferIds ?? []} />
      </Detail>
      <RetentionDetail />
      <Detail source="retentionRuleId">
        {record.retentionRuleId ? (
          <ReferenceField source="retentionRuleId" reference={RETENTION_RULES} link={false}>
            <RecordLabel />
          </ReferenceField>
        ) : (
          <RowNames resource={RETENTION_RULES} ids={[]} />
        )}
      </Detail>
      <BilingualDetail source="securityMeasures" wide />
      <Detail source="controllerContact">{record.controllerContact}</Detail>
      <Detail source="dpoContact">{record.dpoContact}</Detail>
    </DetailsGrid>
  );
};

export const ActivityShow = () => (
  <RegisterShow>
    <ActivityDetails />
  </RegisterShow>
);
