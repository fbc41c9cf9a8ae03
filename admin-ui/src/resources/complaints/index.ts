import FeedbackOutlinedIcon from '@mui/icons-material/FeedbackOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';
import { withMessages } from '../../i18n';

// Each screen loads with the complaint messages (i18n/index.ts, PACKS), a chunk of their own.
const complaintList = withMessages('complaints', () => import('./ComplaintList'));
const complaintShow = withMessages('complaints', () => import('./ComplaintShow'));
const complaintCreate = withMessages('complaints', () => import('./ComplaintCreate'));
const complaintSummaryPage = withMessages('complaints', () => import('./ComplaintSummaryPage'));

const ComplaintList = lazyNamed(complaintList, 'ComplaintList');
const ComplaintShow = lazyNamed(complaintShow, 'ComplaintShow');
const ComplaintCreate = lazyNamed(complaintCreate, 'ComplaintCreate');
export const ComplaintSummaryPage = lazyNamed(complaintSummaryPage, 'ComplaintSummaryPage');

/** The DPO's complaint inbox (F7): support records complaints; the DPO works them. */
export const complaints: ResourceProps = {
  name: 'complaints',
  list: ComplaintList,
  show: ComplaintShow,
  create: ComplaintCreate,
  icon: FeedbackOutlinedIcon,
};
