import { createElement } from 'react';
import PolicyOutlinedIcon from '@mui/icons-material/PolicyOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { POLICIES, RETENTION_RULES } from '../registers/registerResources';
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

/** Retention rules, read here only to link an activity to one (a later feature manages them). */
export const retentionRules: ResourceProps = {
  name: RETENTION_RULES,
  recordRepresentation: createElement(RecordLabel),
};
