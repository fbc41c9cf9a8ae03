import ChecklistOutlinedIcon from '@mui/icons-material/ChecklistOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';
import { INCIDENT_TEMPLATES } from './incidentTemplateTypes';

const IncidentTemplateList = lazyNamed(() => import('./IncidentTemplateList'), 'IncidentTemplateList');
const IncidentTemplateEdit = lazyNamed(() => import('./IncidentTemplateEdit'), 'IncidentTemplateEdit');
const IncidentTemplateCreate = lazyNamed(() => import('./IncidentTemplateEdit'), 'IncidentTemplateCreate');

/** The checklist templates (F8): the incident response plan, edited by security, read by the DPO and auditor. */
export const incidentTemplates: ResourceProps = {
  name: INCIDENT_TEMPLATES,
  list: IncidentTemplateList,
  edit: IncidentTemplateEdit,
  create: IncidentTemplateCreate,
  icon: ChecklistOutlinedIcon,
  recordRepresentation: 'key',
};
