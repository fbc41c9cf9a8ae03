import ReportGmailerrorredOutlinedIcon from '@mui/icons-material/ReportGmailerrorredOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const IncidentBoard = lazyNamed(() => import('./IncidentBoard'), 'IncidentBoard');
const IncidentCreate = lazyNamed(() => import('./IncidentCreate'), 'IncidentCreate');
const IncidentShow = lazyNamed(() => import('./IncidentShow'), 'IncidentShow');

/** Breach and incident response (F8): the board by status, the create form, the incident detail. */
export const incidents: ResourceProps = {
  name: 'incidents',
  list: IncidentBoard,
  create: IncidentCreate,
  show: IncidentShow,
  icon: ReportGmailerrorredOutlinedIcon,
  recordRepresentation: 'reference',
};
