import EventBusyOutlinedIcon from '@mui/icons-material/EventBusyOutlined';
import type { ResourceProps } from 'react-admin';
import { HolidayCreate } from './HolidayCreate';
import { HolidayEdit } from './HolidayEdit';
import { HolidayList } from './HolidayList';
import { HolidayShow } from './HolidayShow';
import { HOLIDAYS } from './holidayTypes';

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
