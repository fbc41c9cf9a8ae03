import { createElement } from 'react';
import PublicOutlinedIcon from '@mui/icons-material/PublicOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { TRANSFERS } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const TransferCreate = lazyNamed(() => import('./TransferCreate'), 'TransferCreate');
const TransferEdit = lazyNamed(() => import('./TransferEdit'), 'TransferEdit');
const TransferList = lazyNamed(() => import('./TransferList'), 'TransferList');
const TransferShow = lazyNamed(() => import('./TransferShow'), 'TransferShow');

export const transfersIcon = createElement(PublicOutlinedIcon, { color: 'primary' });

/** International transfers (PIPA Art. 28-8, GDPR Art. 44-49). */
export const transfers: ResourceProps = {
  name: TRANSFERS,
  list: TransferList,
  show: TransferShow,
  create: TransferCreate,
  edit: TransferEdit,
  icon: PublicOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
