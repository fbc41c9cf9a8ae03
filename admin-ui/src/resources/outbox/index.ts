import OutboxOutlinedIcon from '@mui/icons-material/OutboxOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const OutboxList = lazyNamed(() => import('./OutboxList'), 'OutboxList');

/** The outbox (F6): every message that went or is going out, as metadata. */
export const outbox: ResourceProps = {
  name: 'outbox',
  list: OutboxList,
  icon: OutboxOutlinedIcon,
};
