import FeedbackOutlinedIcon from '@mui/icons-material/FeedbackOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const ComplaintList = lazyNamed(() => import('./ComplaintList'), 'ComplaintList');
const ComplaintShow = lazyNamed(() => import('./ComplaintShow'), 'ComplaintShow');
const ComplaintCreate = lazyNamed(() => import('./ComplaintCreate'), 'ComplaintCreate');
export const ComplaintSummaryPage = lazyNamed(() => import('./ComplaintSummaryPage'), 'ComplaintSummaryPage');

/** The DPO's complaint inbox (F7): support records complaints; the DPO works them. */
export const complaints: ResourceProps = {
  name: 'complaints',
  list: ComplaintList,
  show: ComplaintShow,
  create: ComplaintCreate,
  icon: FeedbackOutlinedIcon,
};
