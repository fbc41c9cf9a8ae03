import { createElement } from 'react';
import HandshakeOutlinedIcon from '@mui/icons-material/HandshakeOutlined';
import type { ResourceProps } from 'react-admin';
import { RecordLabel } from '../registers/RecordLabel';
import { PROCESSORS } from '../registers/registerResources';
import { lazyNamed } from '../../components/lazyNamed';

const ProcessorCreate = lazyNamed(() => import('./ProcessorCreate'), 'ProcessorCreate');
const ProcessorEdit = lazyNamed(() => import('./ProcessorEdit'), 'ProcessorEdit');
const ProcessorList = lazyNamed(() => import('./ProcessorList'), 'ProcessorList');
const ProcessorShow = lazyNamed(() => import('./ProcessorShow'), 'ProcessorShow');

export const processorsIcon = createElement(HandshakeOutlinedIcon, { color: 'primary' });

/** Processors (entrustment) and their sub-processors: read by every register reader, changed by the DPO. */
export const processors: ResourceProps = {
  name: PROCESSORS,
  list: ProcessorList,
  show: ProcessorShow,
  create: ProcessorCreate,
  edit: ProcessorEdit,
  icon: HandshakeOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};
