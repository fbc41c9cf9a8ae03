import { useState } from 'react';
import { Alert, Box, Button, Card, CardContent, Paper, Stack, Typography } from '@mui/material';
import KeyIcon from '@mui/icons-material/Key';
import { Create, Link, SelectInput, SimpleForm, TextInput, Title, email, required, useTranslate } from 'react-admin';
import { CopyButton } from '../../components/CopyButton';
import { RequireAccess } from '../../components/RequireAccess';
import type { InvitedStaff } from '../../types';
import { roleChoices } from './staffFields';
import { MONOSPACE } from '../../layout/theme';

/** Shown once after an invitation: the only time anyone sees the temporary password. */
const Invited = ({ staff, onAnother }: { staff: InvitedStaff; onAnother: () => void }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2, maxWidth: 640 }} data-testid="staff-invited">
      <Title title="app.staff.invited.title" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('app.staff.invited.title')}
        </Typography>
        <Typography variant="body1" sx={{ mb: 2 }}>
          {staff.displayName} · {staff.email} · {translate(`app.roles.${staff.role}`, { _: staff.role })}
        </Typography>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('app.staff.invited.warning', { name: staff.displayName })}
        </Alert>
        <Typography variant="overline" component="p" color="text.secondary">
          {translate('app.staff.invited.password')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 3 }}>
          <Paper
            variant="outlined"
            sx={{ px: 2, py: 1.5, display: 'flex', alignItems: 'center', gap: 1.5, bgcolor: 'grey.50' }}
          >
            <KeyIcon color="action" />
            <Box
              component="code"
              data-testid="temporary-password"
              sx={{
                fontFamily: MONOSPACE,
                fontSize: '1.3rem',
                letterSpacing: '0.05em',
                userSelect: 'all',
                wordBreak: 'break-all',
              }}
            >
              {staff.temporaryPassword}
            </Box>
          </Paper>
          <CopyButton text={staff.temporaryPassword} />
        </Stack>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <Button variant="contained" component={Link} to={`/staff/${encodeURIComponent(String(staff.id))}/show`}>
            {translate('app.staff.invited.open')}
          </Button>
          <Button variant="outlined" onClick={onAnother}>
            {translate('app.staff.invited.another')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};

const StaffCreateView = () => {
  const translate = useTranslate();
  const [invited, setInvited] = useState<InvitedStaff | null>(null);
  // A new key remounts the form empty for the next invitation.
  const [formKey, setFormKey] = useState(0);

  if (invited) {
    return (
      <Invited
        staff={invited}
        onAnother={() => {
          setInvited(null);
          setFormKey((key) => key + 1);
        }}
      />
    );
  }

  return (
    <Create
      key={formKey}
      title="app.staff.invite"
      redirect={false}
      mutationOptions={{ onSuccess: (data: InvitedStaff) => setInvited(data) }}
    >
      <SimpleForm defaultValues={{ role: 'support' }} sx={{ maxWidth: 560 }}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('app.staff.create_intro')}
        </Typography>
        <TextInput source="email" type="email" validate={[required(), email()]} fullWidth autoComplete="off" />
        <TextInput source="displayName" validate={required()} fullWidth autoComplete="off" />
        <SelectInput source="role" choices={roleChoices} validate={required()} fullWidth />
      </SimpleForm>
    </Create>
  );
};

export const StaffCreate = () => (
  <RequireAccess resource="staff" action="create">
    <StaffCreateView />
  </RequireAccess>
);
