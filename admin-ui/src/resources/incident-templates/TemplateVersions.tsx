import { Button, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import { useDates } from '../../i18n/dates';
import { request } from '../../providers/http';
import { INCIDENT_TEMPLATES, T, type IncidentTemplate } from './incidentTemplateTypes';

/** Every saved version: which, when, who and why (newest first). */
export const TemplateVersions = () => {
  const record = useRecordContext<IncidentTemplate>();
  const translate = useTranslate();
  const dates = useDates();
  if (!record) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} data-testid="template-versions">
      <Typography variant="h6" component="h2" sx={{ fontSize: '1.05rem' }}>
        {translate(`${T}.versions.title`)}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${T}.versions.version`)}</TableCell>
            <TableCell>{translate(`${T}.versions.when`)}</TableCell>
            <TableCell>{translate(`${T}.versions.who`)}</TableCell>
            <TableCell>{translate(`${T}.versions.tasks`)}</TableCell>
            <TableCell>{translate(`${T}.versions.note`)}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {(record.versions ?? []).map((v) => (
            <TableRow key={v.version}>
              <TableCell>v{v.version}</TableCell>
              <TableCell>{dates.format(v.createdAt, 'dateTime')}</TableCell>
              <TableCell>{v.createdBy?.name ?? translate(`${T}.versions.shipped`)}</TableCell>
              <TableCell>{v.taskCount}</TableCell>
              <TableCell>{v.note}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
};

/** Retires the template: no new incident starts from it; its versions stay readable. */
export const ArchiveTemplateButton = () => {
  const record = useRecordContext<IncidentTemplate>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const { canAccess } = useCanAccess({ resource: INCIDENT_TEMPLATES, action: 'edit' });
  if (!record || record.archived || !canAccess) return null;
  const archive = async () => {
    if (!window.confirm(translate(`${T}.archive_confirm`))) return;
    setBusy(true);
    try {
      await request(`/${INCIDENT_TEMPLATES}/${encodeURIComponent(record.id)}/archive`, {
        method: 'POST',
        body: { version: record.version },
      });
      notify(`${T}.archived_done`, { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button color="warning" disabled={busy} onClick={() => void archive()} data-testid="incident-template-archive">
      {translate(`${T}.archive`)}
    </Button>
  );
};
