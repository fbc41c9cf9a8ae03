import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
  Chip,
  TextField,
  CircularProgress,
} from '@mui/material';
import UploadFileOutlinedIcon from '@mui/icons-material/UploadFileOutlined';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCanAccess, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ProblemAlert } from '../../components/ProblemAlert';
import { http } from '../../providers/http';
import { useRegisterErrorMessage } from '../registers/RegisterForm';
import { useLocalized } from '../registers/registerFields';
import { POLICIES } from '../registers/registerResources';
import type { RegisterProfile } from '../registers/registerTypes';

const R = 'resources.registers';
const PROFILES_KEY = ['registers', 'profiles'];

const ImportDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const localized = useLocalized();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const errorMessage = useRegisterErrorMessage();
  const [reason, setReason] = useState(() => translate(`${R}.profiles.reason_default`));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const profiles = useQuery({
    queryKey: PROFILES_KEY,
    queryFn: () => http.get<RegisterProfile[]>('/registers/profiles'),
  });
  const reasonValid = reason.trim().length >= 3;

  const importProfile = async (code: string) => {
    setBusy(code);
    setError(null);
    try {
      const { counts } = await http.post<{ policyId: string; counts: Record<string, number> }>(
        `/registers/profiles/${encodeURIComponent(code)}/import`,
        { reason: reason.trim() },
      );
      notify(`${R}.profiles.done`, { type: 'success', messageArgs: counts });
      await queryClient.invalidateQueries({ queryKey: PROFILES_KEY });
      await queryClient.invalidateQueries({ queryKey: [POLICIES] });
      refresh();
      onClose();
    } catch (caught) {
      setError(caught);
      notify(errorMessage(caught), { type: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth data-testid="profile-import-dialog">
      <DialogTitle>{translate(`${R}.profiles.title`)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{translate(`${R}.profiles.intro`)}</DialogContentText>
        <ProblemAlert error={error} />
        <TextField
          name="reason"
          label={translate(`${R}.form.reason`)}
          helperText={translate(reasonValid ? `${R}.form.reason_help` : `${R}.form.reason_required`)}
          error={!reasonValid}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          fullWidth
          multiline
          slotProps={{ htmlInput: { maxLength: 500 } }}
        />
        {profiles.isPending ? (
          <CircularProgress size={24} sx={{ mt: 2 }} aria-label={translate('app.loading')} />
        ) : profiles.isError ? (
          <ProblemAlert error={profiles.error} />
        ) : (
          <List>
            {(profiles.data ?? []).map((profile) => (
              <ListItem
                key={profile.code}
                divider
                data-testid={`profile-${profile.code}`}
                secondaryAction={
                  profile.policyId ? (
                    <Chip size="small" color="success" label={translate(`${R}.profiles.imported`)} />
                  ) : (
                    <Button
                      variant="contained"
                      size="small"
                      disabled={busy !== null || !reasonValid}
                      onClick={() => void importProfile(profile.code)}
                      data-testid={`import-${profile.code}`}
                    >
                      {translate(`${R}.profiles.import`)}
                    </Button>
                  )
                }
              >
                <ListItemText
                  primary={localized(profile.name)}
                  secondary={localized(profile.description)}
                  sx={{ pr: 12 }}
                />
              </ListItem>
            ))}
          </List>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('ra.action.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};

/** Imports a seed policy profile (maumjuui, shelby) with all its registers; DPO only. */
export const ProfileImportButton = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { canAccess, isPending } = useCanAccess({ resource: POLICIES, action: 'create' });
  if (isPending || !canAccess) return null;
  return (
    <>
      <Button
        size="small"
        variant="contained"
        startIcon={<UploadFileOutlinedIcon />}
        onClick={() => setOpen(true)}
        data-testid="profile-import"
      >
        {translate(`${R}.profiles.button`)}
      </Button>
      {open && <ImportDialog onClose={() => setOpen(false)} />}
    </>
  );
};
