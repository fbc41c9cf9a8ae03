import { createElement } from 'react';
import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const AccessLogList = lazyNamed(() => import('./AccessLogList'), 'AccessLogList');
const AccessLogShow = lazyNamed(() => import('./AccessLogShow'), 'AccessLogShow');

export const accessLogIcon = createElement(ReceiptLongOutlinedIcon, { color: 'primary' });

/** The access log: read-only, for roles that may read AccessLog (dpo, security, auditor). */
export const accessLog: ResourceProps = {
  name: 'access-log',
  list: AccessLogList,
  show: AccessLogShow,
  icon: ReceiptLongOutlinedIcon,
  recordRepresentation: 'seq',
};
