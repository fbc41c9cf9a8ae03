import { createElement } from 'react';
import PersonSearchOutlinedIcon from '@mui/icons-material/PersonSearchOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const SubjectList = lazyNamed(() => import('./SubjectList'), 'SubjectList');
const SubjectShow = lazyNamed(() => import('./SubjectShow'), 'SubjectShow');

export const subjectsIcon = createElement(PersonSearchOutlinedIcon, { color: 'primary' });

/** The platform's people: search (masked) and profiles, for dpo and support by the rules the server sends. */
export const subjects: ResourceProps = {
  name: 'subjects',
  list: SubjectList,
  show: SubjectShow,
  icon: PersonSearchOutlinedIcon,
  recordRepresentation: 'name',
};
