import { useState } from 'react';
import {
  Alert,
  Box,
  Button as MuiButton,
  Card,
  CardContent,
  CircularProgress,
  Stack,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  BooleanField,
  EditButton,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useSystemHistory } from '../../components/systemHistory';
import { http, requestFile } from '../../providers/http';
import { useFormatDateTime } from '../staff/staffFields';
import { T, TEMPLATES, type MessageTemplate, type TemplateHistoryEntry, type TemplatePreview } from './templateTypes';

const pre = { whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 } as const;

/** The template rendered with its sample data, as the e-mail (HTML) a person gets, or as a PDF. */
const Preview = () => {
  const record = useRecordContext<MessageTemplate>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  // Opens in the console's language; the other is one click away.
  const [language, setLanguage] = useState<'ko' | 'en'>(locale === 'en' ? 'en' : 'ko');
  const preview = useQuery({
    queryKey: [TEMPLATES, 'preview', record?.id, record?.version, language],
    queryFn: () => http.post<TemplatePreview>(`/${TEMPLATES}/${record!.id}/preview`, { language }),
    enabled: record !== undefined,
  });
  if (!record) return null;
  const openPdf = async () => {
    const file = await requestFile(`/${TEMPLATES}/${record.id}/preview.pdf`, { method: 'POST', body: { language } });
    window.open(URL.createObjectURL(file.body), '_blank', 'noopener');
  };
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="template-preview">
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
          <Typography variant="h6">{translate(`${T}.preview`)}</Typography>
          <ToggleButtonGroup size="small" exclusive value={language} onChange={(_e, v) => v && setLanguage(v)}>
            <ToggleButton value="ko">한국어</ToggleButton>
            <ToggleButton value="en">English</ToggleButton>
          </ToggleButtonGroup>
          <MuiButton size="small" variant="outlined" onClick={() => void openPdf()} data-testid="template-pdf">
            PDF
          </MuiButton>
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(`${T}.preview_help`)}
        </Typography>
        {preview.isPending && <CircularProgress size={20} />}
        {preview.data && (
          <>
            {preview.data.missing.length > 0 && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {translate(`${T}.missing`, { fields: preview.data.missing.join(', ') })}
              </Alert>
            )}
            <Typography variant="subtitle1" sx={{ fontWeight: 600 }} data-testid="preview-subject">
              {preview.data.subject}
            </Typography>
            {/* The text as the e-mail shows it (the server's HTML is this text, escaped, in paragraphs). */}
            <Box
              data-testid="preview-body"
              sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}
            >
              <Typography component="pre" variant="body2" sx={{ ...pre, lineHeight: 1.7 }}>
                {preview.data.text}
              </Typography>
            </Box>
          </>
        )}
      </CardContent>
    </Card>
  );
};

/** Every saved version: who, when, why, and what changed. */
const History = () => {
  const record = useRecordContext<MessageTemplate>();
  const translate = useTranslate();
  const format = useFormatDateTime();
  const system = useSystemHistory();
  const history = useQuery({
    queryKey: [TEMPLATES, 'history', record?.id, record?.version],
    queryFn: () => http.get<TemplateHistoryEntry[]>(`/${TEMPLATES}/${record!.id}/history`),
    enabled: record !== undefined,
  });
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="template-history">
      <CardContent>
        <Typography variant="h6">{translate(`${T}.history`)}</Typography>
        {history.data?.map((h) => {
          const bySystem = h.author.id === null;
          return (
            <Box key={h.version} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }} data-testid="template-version">
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate(`${T}.version`, { version: h.version })} · {format(h.changedAt)} ·{' '}
                {system.author(h.author.displayName, bySystem)}
              </Typography>
              <Typography variant="body2">{system.reason(h.reason, bySystem)}</Typography>
              {h.operation === 'update' && (
                <Typography variant="caption" color="text.secondary">
                  {translate(`${T}.changed`, {
                    fields: h.changed.map((f) => translate(`${T}.fields.${f}`)).join(', '),
                  })}
                </Typography>
              )}
            </Box>
          );
        })}
      </CardContent>
    </Card>
  );
};

const Content = () => {
  const translate = useTranslate();
  const record = useRecordContext<MessageTemplate>();
  if (!record) return null;
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ width: '100%' }}>
      {(['Ko', 'En'] as const).map((lang) => (
        <Card key={lang} variant="outlined" sx={{ flex: 1 }}>
          <CardContent>
            <Typography variant="overline">{translate(`${T}.language.${lang}`)}</Typography>
            <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
              {record[`subject${lang}`]}
            </Typography>
            <Typography component="pre" variant="body2" sx={pre}>
              {record[`body${lang}`]}
            </Typography>
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
};

export const TemplateShow = () => (
  <Show
    title={`${T}.show_title`}
    actions={
      <TopToolbar>
        <EditButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="key" />
      <TextField source="descriptionKo" />
      <TextField source="description" label={`${T}.fields.descriptionEn`} />
      <Labeled label={`${T}.fields.fields`}>
        <FieldsText />
      </Labeled>
      <BooleanField source="deleteContentAfterSend" />
      <TextField source="version" />
      <Content />
      <Preview />
      <History />
    </SimpleShowLayout>
  </Show>
);

const FieldsText = () => {
  const record = useRecordContext<MessageTemplate>();
  return record ? <code>{record.fields.map((f) => `{{${f}}}`).join(' ')}</code> : null;
};
