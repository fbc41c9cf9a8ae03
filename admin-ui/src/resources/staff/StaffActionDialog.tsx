import { useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useStepUp } from '../../components/StepUpDialog';
import type { ConsoleDataProvider } from '../../providers/data';
import { ROLES, type Role, type Staff } from '../../types';

/** The server asks for at least this much of a reason. */
const MIN_REASON_LENGTH = 3;

export type StaffActionKind = 'change_role' | 'disable' | 'enable' | 'unlock' | 'reset_mfa';

/** A reason is required for every change to someone's access; it goes to the access log. */
export const StaffActionDialog = ({
  kind,
  record,
  onClose,
}: {
  kind: StaffActionKind | null;
  record: Staff;
  onClose: () => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const stepUp = useStepUp();

  const [reason, setReason] = useState('');
  const [role, setRole] = useState<Role>(record.role);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (kind) {
      setReason('');
      setRole(record.role);
      setTouched(false);
      setError(null);
      setSubmitting(false);
    }
  }, [kind, record.role]);

  if (!kind) return null;

  const reasonMissing = reason.trim().length < MIN_REASON_LENGTH;
  const roleUnchanged = kind === 'change_role' && role === record.role;

  const perform = async (): Promise<void> => {
    const input = { reason: reason.trim() };
    switch (kind) {
      case 'change_role':
        await dataProvider.changeStaffRole(record.id, { ...input, role });
        break;
      case 'disable':
        await dataProvider.disableStaff(record.id, input);
        break;
      case 'enable':
        await dataProvider.enableStaff(record.id, input);
        break;
      case 'unlock':
        await dataProvider.unlockStaff(record.id, input);
        break;
      case 'reset_mfa':
        await dataProvider.resetStaffMfa(record.id, input);
        break;
    }
    notify(`app.staff.done.${kind}`, { type: 'success' });
    refresh();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (reasonMissing || roleUnchanged) return;
    setSubmitting(true);
    setError(null);
    await stepUp.run(perform, (caught) => {
      // null means the step-up dialog was cancelled: stay here without an error.
      setError(caught);
      setSubmitting(false);
    });
  };

  const reasonFieldError = touched && reasonMissing;

  return (
    <>
      <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid={`staff-action-${kind}`}>
        <form onSubmit={(event) => void submit(event)}>
          <DialogTitle>{translate(`app.staff.dialogs.${kind}.title`, { name: record.displayName })}</DialogTitle>
          <DialogContent>
            <DialogContentText sx={{ mb: 2 }}>{translate(`app.staff.dialogs.${kind}.intro`)}</DialogContentText>
            <ProblemAlert error={error} />
            {kind === 'change_role' && (
              <TextField
                select
                name="role"
                label={translate('app.staff.new_role')}
                value={role}
                onChange={(event) => setRole(event.target.value as Role)}
                fullWidth
                margin="normal"
                required
              >
                {ROLES.map((choice) => (
                  <MenuItem key={choice} value={choice}>
                    {translate(`app.roles.${choice}`)}
                  </MenuItem>
                ))}
              </TextField>
            )}
            <TextField
              name="reason"
              label={translate('app.staff.reason')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              error={reasonFieldError}
              helperText={translate(reasonFieldError ? 'app.staff.reason_required' : 'app.staff.reason_help')}
              multiline
              minRows={2}
              fullWidth
              required
              autoFocus={kind !== 'change_role'}
              margin="normal"
              slotProps={{ htmlInput: { maxLength: 500 } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
            <Button
              type="submit"
              variant="contained"
              color={kind === 'disable' || kind === 'reset_mfa' ? 'error' : 'primary'}
              disabled={submitting || roleUnchanged}
            >
              {translate(`app.staff.actions.${kind}`)}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
      {stepUp.dialog}
    </>
  );
};
