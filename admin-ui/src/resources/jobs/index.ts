import ScheduleOutlinedIcon from '@mui/icons-material/ScheduleOutlined';
import type { ResourceProps } from 'react-admin';
import { JOBS } from './jobTypes';
import { lazyNamed } from '../../components/lazyNamed';

const JobList = lazyNamed(() => import('./JobList'), 'JobList');

/** The background jobs (F6): their schedules and runs, and starting one now (DPO, sysadmin). */
export const jobs: ResourceProps = {
  name: JOBS,
  list: JobList,
  icon: ScheduleOutlinedIcon,
};
// The runs (`job-runs`) are listed on the same screen (ListBase), and are no resource of their own:
// registering a resource without a list page upset the access log's filter form (its browser test).
