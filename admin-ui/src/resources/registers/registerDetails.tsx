import { Stack } from '@mui/material';
import { ReferenceField, useRecordContext } from 'react-admin';
import { RecordLabel } from './RecordLabel';
import { Detail } from './RegisterPages';
import { BilingualTextField, RetentionField, RetentionRule, StatusField } from './registerFields';
import { POLICIES } from './registerResources';
import type { Retention } from './registerTypes';

// Facts that every register's detail page shows the same way.

/** Draft / active / retired. */
export const StatusDetail = () => (
  <Detail source="status">
    <StatusField />
  </Detail>
);

/** The privacy policy the row belongs to, by name. */
export const PolicyDetail = () => (
  <Detail source="policyId">
    <ReferenceField source="policyId" reference={POLICIES} link={false}>
      <RecordLabel />
    </ReferenceField>
  </Detail>
);

/** A Korean/English text field of the row. */
export const BilingualDetail = ({ source, wide }: { source: string; wide?: boolean }) => (
  <Detail source={source} wide={wide}>
    <BilingualTextField source={source} />
  </Detail>
);

/** The retention period, with the rule it follows in words. */
export const RetentionDetail = ({ wide }: { wide?: boolean }) => {
  const record = useRecordContext<{ retention?: Retention | null }>();
  return (
    <Detail source="retention" wide={wide}>
      <Stack>
        <RetentionField source="retention" />
        <RetentionRule retention={record?.retention} />
      </Stack>
    </Detail>
  );
};
