import { createElement } from 'react';
import RuleOutlinedIcon from '@mui/icons-material/RuleOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';

const ComplianceFindingList = lazyNamed(() => import('./ComplianceFindingList'), 'ComplianceFindingList');
const ComplianceFindingEdit = lazyNamed(() => import('./ComplianceFindingEdit'), 'ComplianceFindingEdit');

export const complianceFindingsIcon = createElement(RuleOutlinedIcon, { color: 'primary' });

/** Consent problems computed from the subject data, as work: owner, status, due date (the DPO edits). */
export const complianceFindings: ResourceProps = {
  name: 'compliance-findings',
  list: ComplianceFindingList,
  edit: ComplianceFindingEdit,
  icon: RuleOutlinedIcon,
};
