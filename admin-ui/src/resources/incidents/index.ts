import ReportGmailerrorredOutlinedIcon from '@mui/icons-material/ReportGmailerrorredOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';
import { withMessages } from '../../i18n';

// Each screen loads with the incident messages (i18n/index.ts, PACKS), a chunk of their own.
const incidentBoard = withMessages('incidents', () => import('./IncidentBoard'));
const incidentCreate = withMessages('incidents', () => import('./IncidentCreate'));
const incidentShow = withMessages('incidents', () => import('./IncidentShow'));

const IncidentBoard = lazyNamed(incidentBoard, 'IncidentBoard');
const IncidentCreate = lazyNamed(incidentCreate, 'IncidentCreate');
const IncidentShow = lazyNamed(incidentShow, 'IncidentShow');

/** Breach and incident response (F8): the board by status, the create form, the incident detail. */
export const incidents: ResourceProps = {
  name: 'incidents',
  list: IncidentBoard,
  create: IncidentCreate,
  show: IncidentShow,
  icon: ReportGmailerrorredOutlinedIcon,
  recordRepresentation: 'reference',
};
