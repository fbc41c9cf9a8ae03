import MailOutlinedIcon from '@mui/icons-material/MailOutlined';
import type { ResourceProps } from 'react-admin';
import { TemplateEdit } from './TemplateEdit';
import { TemplateList } from './TemplateList';
import { TemplateShow } from './TemplateShow';
import { TEMPLATES } from './templateTypes';

/** Letters, notices and messages (F6): the DPO edits them with a reason and previews them. */
export const templates: ResourceProps = {
  name: TEMPLATES,
  list: TemplateList,
  show: TemplateShow,
  edit: TemplateEdit,
  icon: MailOutlinedIcon,
  recordRepresentation: 'key',
};
