import ScheduleOutlinedIcon from '@mui/icons-material/ScheduleOutlined';
import type { ResourceProps } from 'react-admin';
import { JobList } from './JobList';
import { JOB_RUNS, JOBS } from './jobTypes';

/** The background jobs (F6): their schedules and runs, and starting one now (DPO, sysadmin). */
export const jobs: ResourceProps = {
  name: JOBS,
  list: JobList,
  icon: ScheduleOutlinedIcon,
};

/** The runs, listed on the Jobs screen; no menu entry of their own. */
export const jobRuns: ResourceProps = {
  name: JOB_RUNS,
};
