import { createElement } from 'react';
import RuleOutlinedIcon from '@mui/icons-material/RuleOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const ComplianceFindingList = lazyNamed(() => import('./ComplianceFindingList'), 'ComplianceFindingList');

export const complianceFindingsIcon = createElement(RuleOutlinedIcon, { color: 'primary' });

/** Consent problems computed from the subject data; each row links to the person's profile. */
export const complianceFindings: ResourceProps = {
  name: 'compliance-findings',
  list: ComplianceFindingList,
  icon: RuleOutlinedIcon,
};
