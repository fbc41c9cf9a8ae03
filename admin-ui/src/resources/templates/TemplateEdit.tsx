import {
  BooleanInput,
  Edit,
  SimpleForm,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ApiError } from '../../providers/http';
import { T, templateWriteBody, type MessageTemplate } from './templateTypes';

const isJsonObject = (value: unknown) => {
  try {
    const parsed: unknown = JSON.parse(String(value));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? undefined : `${T}.bad_json`;
  } catch {
    return `${T}.bad_json`;
  }
};

/** Sample data is JSON: edited as text, sent as an object (templateWriteBody parses it). */
const SampleData = () => {
  const record = useRecordContext<MessageTemplate>();
  if (!record) return null;
  return (
    <TextInput
      source="sampleDataJson"
      label={`${T}.fields.sampleData`}
      defaultValue={JSON.stringify(record.sampleData, null, 2)}
      multiline
      fullWidth
      validate={isJsonObject}
    />
  );
};

/** Saves a new version with a reason; a stale version (409) keeps what was typed and says so. */
export const TemplateEdit = () => {
  const notify = useNotify();
  const translate = useTranslate();
  return (
    <Edit<MessageTemplate>
      mutationMode="pessimistic"
      redirect="show"
      title={`${T}.edit_title`}
      transform={templateWriteBody}
      mutationOptions={{
        onError: (error) =>
          notify(
            error instanceof ApiError && error.status === 409
              ? translate(`${T}.problems.VERSION_CONFLICT`)
              : error instanceof ApiError && error.status === 422
                ? translate(`${T}.problems.TEMPLATE_INVALID`)
                : translate('ra.notification.http_error'),
            { type: 'error', autoHideDuration: 10_000 },
          ),
      }}
    >
      <SimpleForm sx={{ maxWidth: 900 }}>
        <TextInput source="descriptionKo" fullWidth validate={required()} />
        <TextInput source="description" label={`${T}.fields.descriptionEn`} fullWidth validate={required()} />
        <TextInput source="subjectKo" fullWidth validate={required()} />
        <TextInput source="bodyKo" fullWidth multiline minRows={6} validate={required()} />
        <TextInput source="subjectEn" fullWidth validate={required()} />
        <TextInput source="bodyEn" fullWidth multiline minRows={6} validate={required()} />
        <BooleanInput source="deleteContentAfterSend" helperText={`${T}.delete_help`} />
        <SampleData />
        <TextInput source="reason" fullWidth validate={required()} helperText={`${T}.reason_help`} />
      </SimpleForm>
    </Edit>
  );
};
