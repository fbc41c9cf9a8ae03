import { useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import {
  SaveButton,
  SimpleForm,
  Toolbar,
  useCreate,
  useNotify,
  useRecordContext,
  useRedirect,
  useResourceContext,
  useTranslate,
  useUpdate,
  type RaRecord,
} from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import { KEEP_TYPED_VALUES, StaleVersionAlert } from '../../components/StaleVersionAlert';
import { isApiError, type ApiError } from '../../providers/http';
import { ReasonInput } from './registerInputs';
import { formErrors, formPath, registerFieldErrorKey, registerProblemKey } from './registerProblems';
import { WRITABLE_FIELDS, type EditableRegister } from './registerResources';
import { registerWriteBody } from './registerValues';

const R = 'resources.registers';

/** The translated message for an error from a register route. */
export const useRegisterErrorMessage = () => {
  const translate = useTranslate();
  const generic = useErrorMessage();
  return (error: unknown): string => {
    const key = isApiError(error) ? registerProblemKey(error.code) : undefined;
    return key ? translate(key) : generic(error);
  };
};

/** "Recipient (English)" for "recipient.en"; the path itself for fields the form has no label for. */
const useFieldName = (resource: string) => {
  const translate = useTranslate();
  return (path: string): string => {
    const parts = formPath(path).split('.');
    const last = parts[parts.length - 1];
    const lang = last === 'ko' || last === 'en' ? last : null;
    const base = lang ? parts.slice(0, -1) : parts;
    const [first, ...rest] = base;
    let name: string;
    if (first === 'contractTerms' && rest.length === 1) name = translate(`${R}.contract_terms.terms.${rest[0]}`);
    else if (first === 'retention' && rest.length > 0)
      name = `${translate(`resources.${resource}.fields.retention`)} · ${rest
        .filter((part) => !/^\d+$/.test(part))
        .map((part) => translate(`${R}.retention.fields.${part}`, { _: part }))
        .join(' · ')}`;
    else name = translate(`resources.${resource}.fields.${first}`, { _: base.join('.') });
    return lang ? `${name} (${translate(`${R}.languages.${lang}`)})` : name;
  };
};

/** Every field error of the last answer, named, so none hides in a part of the form out of view. */
const FieldProblems = ({ error, resource }: { error: ApiError; resource: string }) => {
  const translate = useTranslate();
  const fieldName = useFieldName(resource);
  return (
    <Alert severity="error" role="alert" sx={{ mb: 2, width: '100%' }} data-testid="register-field-problems">
      <AlertTitle>{translate(`${R}.form.problems`)}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {error.errors.map((fieldError) => (
          <li key={`${fieldError.field}:${fieldError.code}`} data-field={fieldError.field}>
            <strong>{fieldName(fieldError.field)}</strong>: {translate(registerFieldErrorKey(fieldError))}
          </li>
        ))}
      </Box>
    </Alert>
  );
};

const FormToolbar = () => (
  <Toolbar>
    <SaveButton data-testid="register-save" />
  </Toolbar>
);

/**
 * The create and edit form of every register. It sends only the writable fields, the reason
 * the server requires and, on an edit, the version being edited; a stale version or refused
 * values come back as a clear message and as errors on the fields.
 */
export const RegisterForm = ({
  children,
  defaultValues,
}: {
  children: ReactNode;
  defaultValues?: Record<string, unknown>;
}) => {
  const resource = useResourceContext() as EditableRegister;
  const record = useRecordContext<RaRecord & { version?: number }>();
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const errorMessage = useRegisterErrorMessage();
  const [create] = useCreate();
  const [update] = useUpdate();
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  const editing = record?.id !== undefined;

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    setConflict(null);
    const body = registerWriteBody(values, WRITABLE_FIELDS[resource], {
      reason: String(values.reason ?? ''),
      version: editing ? record.version : undefined,
    });
    try {
      if (editing) {
        const saved = (await update(
          resource,
          { id: record.id, data: body, previousData: record },
          { returnPromise: true },
        )) as RaRecord & { version: number };
        notify(`${R}.form.saved`, { type: 'success', messageArgs: { version: saved.version } });
        redirect('show', resource, saved.id);
      } else {
        const saved = (await create(resource, { data: body }, { returnPromise: true })) as RaRecord;
        notify(`${R}.form.created`, { type: 'success' });
        redirect('show', resource, saved.id);
      }
      return undefined;
    } catch (error) {
      if (isApiError(error) && error.code === 'VERSION_CONFLICT') {
        setConflict(record?.version ?? 0);
        return undefined;
      }
      if (isApiError(error) && error.errors.length > 0) {
        setProblem(error);
        return formErrors(error.errors);
      }
      notify(errorMessage(error), { type: 'error' });
      return undefined;
    }
  };

  return (
    <SimpleForm
      onSubmit={submit}
      defaultValues={defaultValues}
      resetOptions={KEEP_TYPED_VALUES}
      toolbar={<FormToolbar />}
      sx={{ maxWidth: 1100 }}
    >
      {problem && <FieldProblems error={problem} resource={resource} />}
      {editing && (
        <Typography variant="caption" color="text.secondary" data-testid="editing-version">
          {translate(`${R}.form.editing_version`, { version: record.version })}
        </Typography>
      )}
      {children}
      <ReasonInput />
      {conflict !== null && <StaleVersionAlert version={conflict} onReloaded={() => setConflict(null)} />}
    </SimpleForm>
  );
};

/** A titled part of a register form. */
export const FormSection = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ width: '100%', mt: 2 }}>
      <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};
