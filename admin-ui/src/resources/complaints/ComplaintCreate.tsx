import { Typography } from '@mui/material';
import {
  Create,
  DateTimeInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useCanAccess,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import { SubjectPickerInput } from '../../components/pickers/SubjectPickerInput';
import { useDates } from '../../i18n/dates';
import { ck } from './complaintFields';
import { COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_SEVERITIES } from './complaintTypes';

const choices = (ids: readonly string[], group: string) => ids.map((id) => ({ id, name: ck(`${group}.${id}`) }));
const uuid = (value: unknown) =>
  typeof value !== 'string' ||
  value === '' ||
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? undefined
    : 'app.problem.INVALID_UUID';

/** Empty optional fields are left out; the received time goes as an instant (browser time, with its offset). */
const toRequest = (data: Record<string, unknown>) => {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined || value === '') continue;
    body[key] = key === 'receivedAt' ? new Date(String(value)).toISOString() : value;
  }
  return body;
};

const ComplaintCreateView = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const { format } = useDates();
  // Support records complaints but does not read them: home, with the reference to give the complainant.
  const { canAccess: canRead } = useCanAccess({ resource: 'complaints', action: 'show' });
  return (
    <Create
      title={ck('create_title')}
      transform={toRequest}
      redirect={false}
      mutationOptions={{
        onSuccess: (data: { id: string; reference: string; targetOn: string }) => {
          notify(translate(ck('created'), { reference: data.reference, date: format(data.targetOn, 'date') }), {
            type: 'success',
          });
          if (canRead) redirect('show', 'complaints', data.id);
          else redirect('/');
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 720 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(ck('create_intro'))}
        </Typography>
        <SelectInput source="channel" choices={choices(COMPLAINT_CHANNELS, 'channels')} validate={required()} />
        <SelectInput source="category" choices={choices(COMPLAINT_CATEGORIES, 'categories')} validate={required()} />
        <SelectInput source="severity" choices={choices(COMPLAINT_SEVERITIES, 'severities')} validate={required()} />
        <TextInput source="summary" multiline minRows={4} fullWidth validate={required()} />
        <DateTimeInput source="receivedAt" helperText={ck('helper.receivedAt')} />
        <SubjectPickerInput source="subjectId" scope="people" helperText={translate(ck('helper.subjectId'))} />
        <TextInput source="rightsRequestId" helperText={ck('helper.rightsRequestId')} validate={uuid} fullWidth />
        <TextInput source="incidentId" helperText={ck('helper.incidentId')} validate={uuid} fullWidth />
      </SimpleForm>
    </Create>
  );
};

export const ComplaintCreate = () => (
  <RequireAccess resource="complaints" action="create">
    <ComplaintCreateView />
  </RequireAccess>
);
