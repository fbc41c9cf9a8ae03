import { createElement } from 'react';
import PolicyOutlinedIcon from '@mui/icons-material/PolicyOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { POLICIES } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const PolicyList = lazyNamed(() => import('./PolicyList'), 'PolicyList');

export const policiesIcon = createElement(PolicyOutlinedIcon, { color: 'primary' });

/** The published privacy policies the registers feed; a row opens its generated tables. */
export const policies: ResourceProps = {
  name: POLICIES,
  list: PolicyList,
  icon: PolicyOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
