import { createElement } from 'react';
import ShareOutlinedIcon from '@mui/icons-material/ShareOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { PROVISIONS } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const ProvisionCreate = lazyNamed(() => import('./ProvisionCreate'), 'ProvisionCreate');
const ProvisionEdit = lazyNamed(() => import('./ProvisionEdit'), 'ProvisionEdit');
const ProvisionList = lazyNamed(() => import('./ProvisionList'), 'ProvisionList');
const ProvisionShow = lazyNamed(() => import('./ProvisionShow'), 'ProvisionShow');

export const provisionsIcon = createElement(ShareOutlinedIcon, { color: 'primary' });

/** Third-party provisions (PIPA Art. 17). */
export const provisions: ResourceProps = {
  name: PROVISIONS,
  list: ProvisionList,
  show: ProvisionShow,
  create: ProvisionCreate,
  edit: ProvisionEdit,
  icon: ShareOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
