import { useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import FileDownloadOutlinedIcon from '@mui/icons-material/FileDownloadOutlined';
import { useCanAccess, useDataProvider, useListContext, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useStepUp } from '../../components/StepUpDialog';
import type { ConsoleDataProvider } from '../../providers/data';
import { saveBlob } from '../../providers/download';
import { isApiError } from '../../providers/http';
import { useFormatLogTime } from './accessLogFields';

/** The server asks for a reason of 10 to 500 characters. */
const MIN_REASON_LENGTH = 10;
const MAX_REASON_LENGTH = 500;
/** The server stops a file at this many rows (the newest ones). */
const EXPORT_LIMIT = 100_000;

const FILTER_ORDER = ['action', 'outcome', 'from', 'to', 'actorId', 'subjectId', 'resource'];

/** The list's filters in words, e.g. "Action: Authentication · From: 2026. 11. 01. 00:00:00". */
const useFilterSummary = () => {
  const translate = useTranslate();
  const formatTime = useFormatLogTime();
  return (filter: Record<string, unknown>): string[] =>
    Object.entries(filter)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .sort(([a], [b]) => FILTER_ORDER.indexOf(a) - FILTER_ORDER.indexOf(b))
      .map(([key, value]) => {
        const text = String(value);
        const shown =
          key === 'action'
            ? translate(`app.access_log.actions.${text}`, { _: text })
            : key === 'outcome'
              ? translate(`app.access_log.outcomes.${text}`, { _: text })
              : key === 'from' || key === 'to'
                ? formatTime(text)
                : text;
        return `${translate(`resources.access-log.fields.${key}`, { _: key })}: ${shown}`;
      });
};

/**
 * Asks why, then downloads the events matching the list's current filters as CSV. The
 * server records the download with the reason and wants a recent TOTP code (step-up).
 */
const AccessLogExportDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { filterValues } = useListContext();
  const summarize = useFilterSummary();
  const stepUp = useStepUp();

  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const filters = summarize(filterValues ?? {});
  const reasonTooShort = reason.trim().length < MIN_REASON_LENGTH;
  const serverRefusedReason = isApiError(error) && error.errors.some((fieldError) => fieldError.field === 'reason');
  const reasonFieldError = (touched && reasonTooShort) || serverRefusedReason;

  const perform = async (): Promise<void> => {
    const { data } = await dataProvider.exportAccessLog({ reason: reason.trim(), filter: filterValues });
    saveBlob(data.blob, data.filename);
    if (data.rows !== null && data.rows >= EXPORT_LIMIT) {
      notify('app.access_log.export.limit_reached', {
        type: 'warning',
        messageArgs: { smart_count: data.rows, limit: EXPORT_LIMIT.toLocaleString() },
      });
    } else {
      notify(data.rows === null ? 'app.access_log.export.done_unknown' : 'app.access_log.export.done', {
        type: 'success',
        messageArgs: { smart_count: data.rows ?? 0 },
      });
    }
    // The step-up and the download are new events: show them.
    refresh();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonTooShort) return;
    setSubmitting(true);
    setError(null);
    await stepUp.run(perform, (caught) => {
      // null means the step-up dialog was cancelled: stay here without an error.
      setError(caught);
      setSubmitting(false);
    });
  };

  return (
    <>
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="access-log-export-dialog">
        {/* Our own message says what is missing, instead of the browser's bubble. */}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <DialogTitle>{translate('app.access_log.export.title')}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>
              {translate('app.access_log.export.intro', { limit: EXPORT_LIMIT.toLocaleString() })}
            </DialogContentText>
            <Typography variant="subtitle2" component="h3">
              {translate('app.access_log.export.filters')}
            </Typography>
            {filters.length === 0 ? (
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="export-filters">
                {translate('app.access_log.export.no_filters')}
              </Typography>
            ) : (
              <Box component="ul" sx={{ mt: 0, mb: 2, pl: 2.5, typography: 'body2' }} data-testid="export-filters">
                {filters.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </Box>
            )}
            <ProblemAlert error={error} />
            <TextField
              name="reason"
              label={translate('app.access_log.export.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={reasonFieldError}
              helperText={translate(
                reasonFieldError ? 'app.access_log.export.reason_required' : 'app.access_log.export.reason_help',
                { min: MIN_REASON_LENGTH, count: reason.trim().length },
              )}
              multiline
              minRows={2}
              fullWidth
              required
              autoFocus
              margin="normal"
              slotProps={{ htmlInput: { maxLength: MAX_REASON_LENGTH } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <Button
              type="submit"
              variant="contained"
              disabled={submitting}
              startIcon={submitting ? <CircularProgress size={18} color="inherit" /> : <FileDownloadOutlinedIcon />}
              data-testid="access-log-export-submit"
            >
              {translate(submitting ? 'app.access_log.export.exporting' : 'app.access_log.export.submit')}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      {stepUp.dialog}
    </>
  );
};

/** "Export CSV" in the list's toolbar; only for roles that may export the access log. */
export const AccessLogExportButton = () => {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource: 'access-log', action: 'export' });
  const [open, setOpen] = useState(false);
  if (isPending || !canAccess) return null;
  return (
    <>
      <Button
        size="small"
        startIcon={<FileDownloadOutlinedIcon />}
        onClick={() => setOpen(true)}
        data-testid="access-log-export"
      >
        {translate('app.access_log.export.button')}
      </Button>
      {open && <AccessLogExportDialog onClose={() => setOpen(false)} />}
    </>
  );
};
