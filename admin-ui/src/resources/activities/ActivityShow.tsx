import { Stack } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';
import { RecordLabel, RowNames } from '../registers/RecordLabel';
import { Detail, DetailsGrid, RegisterShow } from '../registers/RegisterPages';
import {
  BilingualTextField,
  EnumChipsField,
  EnumField,
  RetentionField,
  RetentionRule,
  StatusField,
} from '../registers/registerFields';
import { POLICIES, PROCESSORS, PROVISIONS, RETENTION_RULES, TRANSFERS } from '../registers/registerResources';
import type { Activity } from '../registers/registerTypes';

const R = 'resources.registers';

const ActivityDetails = () => {
  const record = useRecordContext<Activity>();
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
      <Detail source="section">
        <BilingualTextField source="section" />
      </Detail>
      <Detail source="name" wide>
        <BilingualTextField source="name" />
      </Detail>
      <Detail source="purpose" wide>
        <BilingualTextField source="purpose" />
      </Detail>
      <Detail source="items" wide>
        <BilingualTextField source="items" />
      </Detail>
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
      <Detail source="retention">
        <Stack>
          <RetentionField source="retention" />
          <RetentionRule retention={record.retention} />
        </Stack>
      </Detail>
      <Detail source="retentionRuleId">
        {record.retentionRuleId ? (
          <ReferenceField source="retentionRuleId" reference={RETENTION_RULES} link={false}>
            <RecordLabel />
          </ReferenceField>
        ) : (
          <RowNames resource={RETENTION_RULES} ids={[]} />
        )}
      </Detail>
      <Detail source="securityMeasures" wide>
        <BilingualTextField source="securityMeasures" />
      </Detail>
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
