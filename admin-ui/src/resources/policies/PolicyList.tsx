import { Button, Chip, Typography } from '@mui/material';
import TableChartOutlinedIcon from '@mui/icons-material/TableChartOutlined';
import {
  DataTable,
  Link,
  List,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { useFormatDateTime } from '../staff/staffFields';
import { RegisterExportButton } from '../registers/RegisterExportButton';
import { LocalizedTextField } from '../registers/registerFields';
import { POLICIES } from '../registers/registerResources';
import type { RegisterPolicy } from '../registers/registerTypes';
import { ProfileImportButton } from './ProfileImportButton';

const R = 'resources.registers';

export const previewPath = (policyId?: Identifier) =>
  policyId ? `/policy-preview?policy=${encodeURIComponent(String(policyId))}` : '/policy-preview';

const PolicyActions = () => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <TopToolbar sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
      <Button component={Link} to={previewPath()} size="small" startIcon={<TableChartOutlinedIcon />}>
        {translate(`${R}.preview.title`)}
      </Button>
      <RegisterExportButton
        path="/registers/export"
        formats={['xlsx', 'json', 'markdown']}
        query={{ lang: locale === 'ko' ? 'ko' : 'en' }}
        label={`${R}.export.regulator`}
        help={`${R}.export.regulator_help`}
        testId="regulator-export"
        variant="outlined"
      />
      <ProfileImportButton />
    </TopToolbar>
  );
};

const LayoutField = (_props: { source?: string }) => {
  const record = useRecordContext<RegisterPolicy>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip size="small" variant="outlined" label={translate(`${R}.layouts.${record.layout}`, { _: record.layout })} />
  );
};

const UpdatedField = (_props: { source?: string }) => {
  const record = useRecordContext<RegisterPolicy>();
  const format = useFormatDateTime();
  return record ? <Typography variant="body2">{format(record.updatedAt)}</Typography> : null;
};

const Intro = () => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1.5, pb: 0.5, maxWidth: 960 }}>
      {translate(`${R}.intro.policies`)}
    </Typography>
  );
};

export const PolicyList = () => (
  <RequireAccess resource={POLICIES} action="list">
    <List actions={<PolicyActions />} sort={{ field: 'code', order: 'ASC' }} perPage={25} empty={false}>
      <Intro />
      <DataTable<RegisterPolicy> rowClick={(id) => previewPath(id)} bulkActionButtons={false}>
        <DataTable.Col source="name">
          <LocalizedTextField source="name" />
        </DataTable.Col>
        <DataTable.Col source="code" />
        <DataTable.Col source="layout" disableSort field={LayoutField} />
        <DataTable.Col source="version" disableSort />
        <DataTable.Col source="updatedAt" field={UpdatedField} />
      </DataTable>
    </List>
  </RequireAccess>
);
