import EventBusyOutlinedIcon from '@mui/icons-material/EventBusyOutlined';
import type { ResourceProps } from 'react-admin';
import { HOLIDAYS } from './holidayTypes';
import { lazyNamed } from '../../components/lazyNamed';

const HolidayCreate = lazyNamed(() => import('./HolidayCreate'), 'HolidayCreate');
const HolidayEdit = lazyNamed(() => import('./HolidayEdit'), 'HolidayEdit');
const HolidayList = lazyNamed(() => import('./HolidayList'), 'HolidayList');
const HolidayShow = lazyNamed(() => import('./HolidayShow'), 'HolidayShow');

/** The holiday calendars (F6): read by every role, changed by the DPO with a reason. */
export const holidays: ResourceProps = {
  name: HOLIDAYS,
  list: HolidayList,
  show: HolidayShow,
  create: HolidayCreate,
  edit: HolidayEdit,
  icon: EventBusyOutlinedIcon,
  recordRepresentation: 'nameKo',
};
