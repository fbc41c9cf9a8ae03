import { createElement } from 'react';
import AssignmentIndOutlinedIcon from '@mui/icons-material/AssignmentIndOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';
import { withMessages } from '../../i18n';

// Each screen loads with the request messages (i18n/index.ts, PACKS), a chunk of their own.
const rightsRequestList = withMessages('requests', () => import('./RightsRequestList'));
const rightsRequestCreate = withMessages('requests', () => import('./RightsRequestCreate'));
const rightsRequestShow = withMessages('requests', () => import('./RightsRequestShow'));

const RightsRequestList = lazyNamed(rightsRequestList, 'RightsRequestList');
const RightsRequestCreate = lazyNamed(rightsRequestCreate, 'RightsRequestCreate');
const RightsRequestShow = lazyNamed(rightsRequestShow, 'RightsRequestShow');

export const rightsRequestsIcon = createElement(AssignmentIndOutlinedIcon, { color: 'primary' });

/** Rights requests (F7): the list with deadline chips, the intake wizard and the detail page. */
export const rightsRequests: ResourceProps = {
  name: 'rights-requests',
  list: RightsRequestList,
  create: RightsRequestCreate,
  show: RightsRequestShow,
  icon: AssignmentIndOutlinedIcon,
  recordRepresentation: 'reference',
};
