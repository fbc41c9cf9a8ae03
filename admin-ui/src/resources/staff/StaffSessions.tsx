import { useState } from 'react';
import {
  Box,
  Button,
  Card,
  CardContent,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  Confirm,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useErrorMessage } from '../../components/ProblemAlert';
import type { ConsoleDataProvider } from '../../providers/data';
import type { Staff } from '../../types';
import { useFormatDateTime } from './staffFields';
import { describeUserAgent } from './userAgent';
import { MONOSPACE } from '../../layout/theme';

/** The person's open sessions, each of which can be ended. */
export const StaffSessions = () => {
  const record = useRecordContext<Staff>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const format = useFormatDateTime('compact');
  const errorMessage = useErrorMessage();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const { canAccess: canEnd } = useCanAccess({ resource: 'staff.sessions', action: 'endSession' });

  const sessions = useQuery({
    queryKey: ['staff', 'getSessions', { id: record?.id }],
    queryFn: () => dataProvider.getStaffSessions(record!.id),
    enabled: Boolean(record),
  });

  if (!record) return null;

  const run = async (action: () => Promise<void>, done: string) => {
    setBusy(true);
    try {
      await action();
      notify(done, { type: 'success' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setBusy(false);
      setConfirmAll(false);
    }
  };

  const rows = sessions.data?.data ?? [];

  return (
    <Card variant="outlined" sx={{ m: 2, mt: 0, minWidth: 0 }} data-testid="staff-sessions">
      <CardContent>
        <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
          <Typography variant="h6" component="h2">
            {translate('app.staff.sessions.title')}
            {sessions.isSuccess ? ` (${rows.length})` : ''}
          </Typography>
          {canEnd && rows.length > 0 && (
            <Button color="error" variant="outlined" size="small" disabled={busy} onClick={() => setConfirmAll(true)}>
              {translate('app.staff.sessions.end_all')}
            </Button>
          )}
        </Stack>
        {sessions.isPending ? (
          <Typography variant="body2">{translate('app.loading')}</Typography>
        ) : sessions.isError ? (
          <Typography variant="body2" color="error">
            {errorMessage(sessions.error)}
          </Typography>
        ) : rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.staff.sessions.empty')}
          </Typography>
        ) : (
          <TableContainer sx={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Table size="small" sx={{ '& th': { whiteSpace: 'nowrap' } }}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.staff.sessions.created')}</TableCell>
                  <TableCell>{translate('app.staff.sessions.last_seen')}</TableCell>
                  <TableCell>{translate('app.staff.sessions.expires')}</TableCell>
                  <TableCell>{translate('app.staff.sessions.ip')}</TableCell>
                  <TableCell>{translate('app.staff.sessions.user_agent')}</TableCell>
                  <TableCell>{translate('app.staff.sessions.stage')}</TableCell>
                  {canEnd && <TableCell />}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((session) => (
                  <TableRow key={session.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{format(session.createdAt)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{format(session.lastSeenAt)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{format(session.expiresAt)}</TableCell>
                    <TableCell sx={{ fontFamily: MONOSPACE }}>{session.ip ?? translate('app.none')}</TableCell>
                    <TableCell sx={{ maxWidth: 220 }}>
                      <Tooltip title={session.userAgent ?? ''}>
                        <Box
                          component="span"
                          sx={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                        >
                          {session.userAgent ? describeUserAgent(session.userAgent) : translate('app.none')}
                        </Box>
                      </Tooltip>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {translate(`app.stage.${session.stage}`, { _: session.stage })}
                    </TableCell>
                    {canEnd && (
                      <TableCell align="right">
                        <Button
                          size="small"
                          color="error"
                          disabled={busy}
                          onClick={() =>
                            void run(
                              () => dataProvider.endStaffSession(record.id, session.id),
                              'app.staff.done.end_session',
                            )
                          }
                        >
                          {translate('app.staff.sessions.end')}
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </CardContent>
      <Confirm
        isOpen={confirmAll}
        loading={busy}
        title="app.staff.sessions.end_all_title"
        titleTranslateOptions={{ name: record.displayName }}
        content="app.staff.sessions.end_all_intro"
        confirm="app.staff.sessions.end_all"
        confirmColor="warning"
        onConfirm={() => void run(() => dataProvider.endAllStaffSessions(record.id), 'app.staff.done.end_all_sessions')}
        onClose={() => setConfirmAll(false)}
      />
    </Card>
  );
};
