import { createElement } from 'react';
import PersonSearchOutlinedIcon from '@mui/icons-material/PersonSearchOutlined';
import type { ResourceProps } from 'react-admin';
import { SubjectList } from './SubjectList';
import { SubjectShow } from './SubjectShow';

export const subjectsIcon = createElement(PersonSearchOutlinedIcon, { color: 'primary' });

/** The platform's people: search (masked) and profiles, for dpo and support by the rules the server sends. */
export const subjects: ResourceProps = {
  name: 'subjects',
  list: SubjectList,
  show: SubjectShow,
  icon: PersonSearchOutlinedIcon,
  recordRepresentation: 'name',
};
