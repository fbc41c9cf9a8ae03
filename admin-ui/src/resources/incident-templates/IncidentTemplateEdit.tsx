import { Alert } from '@mui/material';
import { Create, Edit, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { ArchiveTemplateButton, TemplateVersions } from './TemplateVersions';
import { TemplateForm } from './TemplateForm';
import { T, type IncidentTemplate } from './incidentTemplateTypes';

const ArchivedNotice = () => {
  const record = useRecordContext<IncidentTemplate>();
  const translate = useTranslate();
  return record?.archived ? (
    <Alert severity="info" sx={{ mb: 2 }}>
      {translate(`${T}.archived_notice`)}
    </Alert>
  ) : null;
};

/** Edit a template (a new version on save), with its versions and the archive action. */
export const IncidentTemplateEdit = () => (
  <Edit<IncidentTemplate>
    title={`${T}.edit_title`}
    actions={
      <TopToolbar>
        <ArchiveTemplateButton />
      </TopToolbar>
    }
    aside={undefined}
  >
    <ArchivedNotice />
    <TemplateForm />
    <TemplateVersions />
  </Edit>
);

export const IncidentTemplateCreate = () => (
  <Create title={`${T}.create_title`}>
    <TemplateForm />
  </Create>
);
