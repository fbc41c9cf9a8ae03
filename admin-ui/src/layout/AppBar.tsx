import { Box, ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import BadgeOutlinedIcon from '@mui/icons-material/BadgeOutlined';
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  Logout,
  TitlePortal,
  UserMenu,
  useGetIdentity,
  useTranslate,
} from 'react-admin';
import type { ConsoleIdentity } from '../providers/auth';

/** Who is signed in and with which role, shown at the top of the user menu. */
const IdentityItem = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const me = identity as ConsoleIdentity | undefined;
  if (!me) return null;
  return (
    <MenuItem disabled sx={{ '&.Mui-disabled': { opacity: 1 } }}>
      <ListItemIcon>
        <BadgeOutlinedIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText primary={me.email} secondary={translate(`app.roles.${me.role}`, { _: me.role })} />
    </MenuItem>
  );
};

const ConsoleUserMenu = () => (
  <UserMenu>
    <IdentityItem />
    <Logout data-testid="sign-out" />
  </UserMenu>
);

export const AppBar = () => {
  const translate = useTranslate();
  return (
    <RaAppBar
      userMenu={<ConsoleUserMenu />}
      toolbar={
        <Box sx={{ display: 'flex', alignItems: 'center' }}>
          <LocalesMenuButton />
          <LoadingIndicator />
        </Box>
      }
    >
      <Typography
        variant="subtitle1"
        component="span"
        sx={{ fontWeight: 600, mr: 2, whiteSpace: 'nowrap', display: { xs: 'none', md: 'inline' } }}
      >
        {translate('app.short_name')}
      </Typography>
      <TitlePortal />
    </RaAppBar>
  );
};
