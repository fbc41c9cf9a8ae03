import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import { Menu } from 'react-admin';

/** Home, then every resource the person's rules let them list (react-admin asks canAccess). */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="app.menu.home" leftIcon={<HomeOutlinedIcon />} />
    <Menu.ResourceItems />
  </Menu>
);
