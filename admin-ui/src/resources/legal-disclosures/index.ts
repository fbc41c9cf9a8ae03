import { createElement } from 'react';
import GavelOutlinedIcon from '@mui/icons-material/GavelOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { DISCLOSURES } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const DisclosureCreate = lazyNamed(() => import('./DisclosureCreate'), 'DisclosureCreate');
const DisclosureEdit = lazyNamed(() => import('./DisclosureEdit'), 'DisclosureEdit');
const DisclosureList = lazyNamed(() => import('./DisclosureList'), 'DisclosureList');
const DisclosureShow = lazyNamed(() => import('./DisclosureShow'), 'DisclosureShow');

export const disclosuresIcon = createElement(GavelOutlinedIcon, { color: 'primary' });

/** The log of disclosures the law required: the DPO keeps it, the auditor reads it. */
export const legalDisclosures: ResourceProps = {
  name: DISCLOSURES,
  list: DisclosureList,
  show: DisclosureShow,
  create: DisclosureCreate,
  edit: DisclosureEdit,
  icon: GavelOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
