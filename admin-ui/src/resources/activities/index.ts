import { createElement } from 'react';
import AccountTreeOutlinedIcon from '@mui/icons-material/AccountTreeOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { ACTIVITIES } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const ActivityCreate = lazyNamed(() => import('./ActivityCreate'), 'ActivityCreate');
const ActivityEdit = lazyNamed(() => import('./ActivityEdit'), 'ActivityEdit');
const ActivityList = lazyNamed(() => import('./ActivityList'), 'ActivityList');
const ActivityShow = lazyNamed(() => import('./ActivityShow'), 'ActivityShow');

export const activitiesIcon = createElement(AccountTreeOutlinedIcon, { color: 'primary' });

/** The record of processing activities (GDPR Art. 30(1)). */
export const activities: ResourceProps = {
  name: ACTIVITIES,
  list: ActivityList,
  show: ActivityShow,
  create: ActivityCreate,
  edit: ActivityEdit,
  icon: AccountTreeOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
