import { useState } from 'react';
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import PictureAsPdfOutlinedIcon from '@mui/icons-material/PictureAsPdfOutlined';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { Panel } from '../../components/Panel';
import { useDates } from '../../i18n/dates';
import { LANGUAGE_NAMES } from '../../i18n/locale';
import { incidentApi } from './incidentApi';
import { ik, useIncidentError } from './incidentFields';
import { problemFields } from './IncidentDialogs';
import { NOTICE_KINDS, type IncidentDetail, type NoticeKind } from './incidentTypes';

type NoticeField = { name: string; type: 'text' | 'list' | 'count'; required: boolean };
type Draft = { kind: NoticeKind; locale: 'ko' | 'en'; fields: NoticeField[] };

/** A content value as editable text; lists one item a line. */
const asText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('\n');
  return String(value);
};
/** Back to the field's type: a list one item a line, a count a number (empty stays empty). */
const fromText = (text: string, type: NoticeField['type']): unknown => {
  if (type === 'list')
    return text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  if (type === 'count') return text.trim() === '' ? '' : Number(text);
  return text;
};

/** Notice drafts: prefilled from the facts, edited, saved as versions, rendered to PDF. */
export const NoticesPanel = ({ incident }: { incident: IncidentDetail }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { format } = useDates();
  const errorText = useIncidentError();
  const queryClient = useQueryClient();
  const needed = incident.obligations
    .filter((o) => o.noticeKind !== null && o.status !== 'withdrawn')
    .map((o) => o.noticeKind as NoticeKind);
  const [kind, setKind] = useState<NoticeKind>(needed[0] ?? 'kr_subject_notice');
  const [locale, setLocale] = useState<'ko' | 'en'>('ko');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const notices = useQuery({
    queryKey: ['incident-notices', incident.id],
    queryFn: () => incidentApi.notices(incident.id),
  });
  const missing = problemFields(error);
  const writable = (incident.can.notify || incident.can.update) && incident.status !== 'closed';

  const prefill = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await incidentApi.prefill(incident.id, kind, locale);
      setDraft({ kind: result.kind, locale: result.locale, fields: result.fields });
      setTexts(Object.fromEntries(result.fields.map((f) => [f.name, asText(result.content[f.name])])));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!draft) return;
    setBusy(true);
    setError(null);
    try {
      const content = Object.fromEntries(draft.fields.map((f) => [f.name, fromText(texts[f.name] ?? '', f.type)]));
      const saved = await incidentApi.saveNotice(incident.id, { kind: draft.kind, locale: draft.locale, content });
      notify(ik('notices.saved'), { type: 'success', messageArgs: { version: saved.version } });
      setDraft(null);
      void queryClient.invalidateQueries({ queryKey: ['incident-notices', incident.id] });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const pdf = async (notice: Parameters<typeof incidentApi.noticePdf>[1]) => {
    try {
      await incidentApi.noticePdf(incident.id, notice);
    } catch (caught) {
      notify(errorText(caught), { type: 'error' });
    }
  };

  return (
    <Stack spacing={2}>
      {writable && (
        <Panel title={translate(ik('panels.draft'))} testId="incident-notice-draft">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' }, mb: 1.5 }}>
            <TextField
              select
              size="small"
              label={translate(ik('notices.kind'))}
              value={kind}
              onChange={(event) => setKind(event.target.value as NoticeKind)}
              sx={{ minWidth: 300 }}
              slotProps={{ htmlInput: { 'data-testid': 'notice-kind' } }}
            >
              {NOTICE_KINDS.map((k) => (
                <MenuItem key={k} value={k} data-testid={`notice-kind-${k}`}>
                  {translate(ik(`notice_kinds.${k}`))}
                  {needed.includes(k) ? ` · ${translate(ik('notices.required'))}` : ''}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              size="small"
              label={translate(ik('notices.locale'))}
              value={locale}
              onChange={(event) => setLocale(event.target.value as 'ko' | 'en')}
              sx={{ minWidth: 120 }}
            >
              <MenuItem value="ko">{LANGUAGE_NAMES.ko}</MenuItem>
              <MenuItem value="en">{LANGUAGE_NAMES.en}</MenuItem>
            </TextField>
            <Button
              variant="outlined"
              onClick={() => void prefill()}
              disabled={busy}
              sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
              data-testid="notice-prefill"
            >
              {translate(ik('notices.prefill'))}
            </Button>
          </Stack>
          {error !== null && (
            <Alert severity="error" sx={{ mb: 1.5 }} data-testid="problem-alert">
              {errorText(error)}
            </Alert>
          )}
          {draft && (
            <Box data-testid="notice-editor">
              {draft.fields.map(({ name, type, required }) => (
                <TextField
                  key={name}
                  label={translate(ik(`notice_items.${name}`), { _: name })}
                  value={texts[name] ?? ''}
                  onChange={(event) => setTexts((t) => ({ ...t, [name]: event.target.value }))}
                  required={required}
                  multiline={type !== 'count'}
                  minRows={type === 'count' ? undefined : 2}
                  fullWidth
                  error={missing.has(name)}
                  helperText={
                    missing.has(name)
                      ? translate(ik('notices.item_missing'))
                      : type === 'list'
                        ? translate(ik('notices.one_per_line'))
                        : ' '
                  }
                  slotProps={{ htmlInput: { 'data-testid': `notice-item-${name}`, 'data-type': type } }}
                />
              ))}
              <Button variant="contained" onClick={() => void save()} disabled={busy} data-testid="notice-save">
                {translate(ik('notices.save'))}
              </Button>
            </Box>
          )}
        </Panel>
      )}
      <Panel title={translate(ik('panels.notices'))} testId="incident-notices">
        {(notices.data ?? []).length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate(ik('notices.none'))}
          </Typography>
        ) : (
          (notices.data ?? []).map((notice) => (
            <Stack
              key={notice.id}
              direction="row"
              spacing={1}
              sx={{ alignItems: 'center', py: 0.75, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}
              data-testid="incident-notice"
              data-kind={notice.kind}
              data-locale={notice.locale}
            >
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate(ik(`notice_kinds.${notice.kind}`))} · {LANGUAGE_NAMES[notice.locale]} · v{notice.version}
              </Typography>
              <Typography variant="caption" color="text.secondary" sx={{ flex: 1 }}>
                {format(notice.createdAt, 'dateTime')} · {notice.createdBy.name}
              </Typography>
              <Button
                size="small"
                startIcon={<PictureAsPdfOutlinedIcon />}
                onClick={() => void pdf(notice)}
                data-testid="notice-pdf"
              >
                PDF
              </Button>
            </Stack>
          ))
        )}
      </Panel>
    </Stack>
  );
};
