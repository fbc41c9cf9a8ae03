import { createElement } from 'react';
import AssignmentIndOutlinedIcon from '@mui/icons-material/AssignmentIndOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const RightsRequestList = lazyNamed(() => import('./RightsRequestList'), 'RightsRequestList');
const RightsRequestCreate = lazyNamed(() => import('./RightsRequestCreate'), 'RightsRequestCreate');
const RightsRequestShow = lazyNamed(() => import('./RightsRequestShow'), 'RightsRequestShow');

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
