import { createElement } from 'react';
import ManageAccountsOutlinedIcon from '@mui/icons-material/ManageAccountsOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const StaffCreate = lazyNamed(() => import('./StaffCreate'), 'StaffCreate');
const StaffList = lazyNamed(() => import('./StaffList'), 'StaffList');
const StaffShow = lazyNamed(() => import('./StaffShow'), 'StaffShow');

export const staffIcon = createElement(ManageAccountsOutlinedIcon, { color: 'primary' });

/** Staff accounts: sysadmin only, by the rules the server sends. No generic edit: every change is a named action. */
export const staff: ResourceProps = {
  name: 'staff',
  list: StaffList,
  show: StaffShow,
  create: StaffCreate,
  icon: ManageAccountsOutlinedIcon,
  recordRepresentation: 'displayName',
};
