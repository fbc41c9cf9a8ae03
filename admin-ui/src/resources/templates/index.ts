import MailOutlinedIcon from '@mui/icons-material/MailOutlined';
import type { ResourceProps } from 'react-admin';
import { TEMPLATES } from './templateTypes';
import { lazyNamed } from '../../components/lazyNamed';

const TemplateEdit = lazyNamed(() => import('./TemplateEdit'), 'TemplateEdit');
const TemplateList = lazyNamed(() => import('./TemplateList'), 'TemplateList');
const TemplateShow = lazyNamed(() => import('./TemplateShow'), 'TemplateShow');

/** Letters, notices and messages (F6): the DPO edits them with a reason and previews them. */
export const templates: ResourceProps = {
  name: TEMPLATES,
  list: TemplateList,
  show: TemplateShow,
  edit: TemplateEdit,
  icon: MailOutlinedIcon,
  recordRepresentation: 'key',
};
