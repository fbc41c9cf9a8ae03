import { useState, type ReactNode } from 'react';
import { Box, Button } from '@mui/material';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import BlockIcon from '@mui/icons-material/Block';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import {
  BooleanField,
  Labeled,
  ListButton,
  Show,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { RequireAccess } from '../../components/RequireAccess';
import type { Staff } from '../../types';
import { StaffActionDialog, type StaffActionKind } from './StaffActionDialog';
import { StaffSessions } from './StaffSessions';
import { DateTimeField, LockedUntilField, RoleField, StatusField, isLocked } from './staffFields';

/** CASL action behind each button. */
const CASL_ACTION: Record<StaffActionKind, string> = {
  change_role: 'changeRole',
  disable: 'disable',
  enable: 'enable',
  unlock: 'unlock',
  reset_mfa: 'resetMfa',
};

const ICONS: Record<StaffActionKind, ReactNode> = {
  change_role: <SwapHorizIcon />,
  disable: <BlockIcon />,
  enable: <CheckCircleOutlineIcon />,
  unlock: <LockOpenIcon />,
  reset_mfa: <PhonelinkEraseIcon />,
};

/** A button that exists only when the rules allow its action on this row. */
const ActionButton = ({ kind, onOpen }: { kind: StaffActionKind; onOpen: (kind: StaffActionKind) => void }) => {
  const translate = useTranslate();
  const record = useRecordContext<Staff>();
  const { canAccess, isPending } = useCanAccess({ resource: 'staff', action: CASL_ACTION[kind], record });
  if (!record || isPending || !canAccess) return null;
  return (
    <Button
      size="small"
      startIcon={ICONS[kind]}
      color={kind === 'disable' || kind === 'reset_mfa' ? 'error' : 'primary'}
      onClick={() => onOpen(kind)}
      data-testid={`staff-${kind}`}
    >
      {translate(`app.staff.actions.${kind}`)}
    </Button>
  );
};

const StaffShowActions = () => {
  const record = useRecordContext<Staff>();
  const [open, setOpen] = useState<StaffActionKind | null>(null);
  if (!record) return <TopToolbar />;
  const kinds: StaffActionKind[] = [
    'change_role',
    record.status === 'active' ? 'disable' : 'enable',
    ...(isLocked(record) ? (['unlock'] as const) : []),
    ...(record.mfaEnrolled ? (['reset_mfa'] as const) : []),
  ];
  return (
    <TopToolbar sx={{ flexWrap: 'wrap' }}>
      <ListButton />
      {kinds.map((kind) => (
        <ActionButton key={kind} kind={kind} onOpen={setOpen} />
      ))}
      <StaffActionDialog kind={open} record={record} onClose={() => setOpen(null)} />
    </TopToolbar>
  );
};

const StaffTitle = () => {
  const translate = useTranslate();
  const record = useRecordContext<Staff>();
  return (
    <span>
      {translate('resources.staff.name', { smart_count: 1 })}
      {record ? ` · ${record.displayName}` : ''}
    </span>
  );
};

/** The record's facts in a responsive grid of labelled values. */
const StaffDetails = () => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(3, 1fr)' },
      columnGap: 3,
      rowGap: 2,
      p: 2,
      '& .RaLabeled-label': { mb: 0.5 },
    }}
  >
    <Labeled>
      <TextField source="displayName" />
    </Labeled>
    <Labeled>
      <TextField source="email" />
    </Labeled>
    <Labeled label="resources.staff.fields.role">
      <RoleField source="role" />
    </Labeled>
    <Labeled label="resources.staff.fields.status">
      <StatusField source="status" />
    </Labeled>
    <Labeled>
      <BooleanField source="mfaEnrolled" />
    </Labeled>
    <Labeled>
      <BooleanField source="mustChangePassword" />
    </Labeled>
    <Labeled label="resources.staff.fields.lockedUntil">
      <LockedUntilField source="lockedUntil" />
    </Labeled>
    <Labeled label="resources.staff.fields.lastSignInAt">
      <DateTimeField source="lastSignInAt" />
    </Labeled>
    <Labeled label="resources.staff.fields.createdAt">
      <DateTimeField source="createdAt" />
    </Labeled>
  </Box>
);

const StaffShowView = () => (
  // minWidth 0 lets a wide sessions table scroll inside the card instead of widening the page.
  <Show<Staff> actions={<StaffShowActions />} title={<StaffTitle />} sx={{ '& .RaShow-card': { minWidth: 0 } }}>
    <StaffDetails />
    <StaffSessions />
  </Show>
);

export const StaffShow = () => (
  <RequireAccess resource="staff" action="show">
    <StaffShowView />
  </RequireAccess>
);
