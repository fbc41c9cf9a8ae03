import { createElement } from 'react';
import DeleteSweepOutlinedIcon from '@mui/icons-material/DeleteSweepOutlined';
import GavelOutlinedIcon from '@mui/icons-material/GavelOutlined';
import HourglassBottomOutlinedIcon from '@mui/icons-material/HourglassBottomOutlined';
import BedtimeOutlinedIcon from '@mui/icons-material/BedtimeOutlined';
import ListAltOutlinedIcon from '@mui/icons-material/ListAltOutlined';
import PlaylistPlayOutlinedIcon from '@mui/icons-material/PlaylistPlayOutlined';
import ReceiptOutlinedIcon from '@mui/icons-material/ReceiptOutlined';
import type { ResourceProps } from 'react-admin';
import { lazyNamed } from '../../components/lazyNamed';
import { withMessages } from '../../i18n';
import { RecordLabel } from '../registers/RecordLabel';
import { CERTIFICATES, DORMANCY, HOLDS, QUEUE, RULES, RUNS } from './retentionTypes';

// Each screen loads with the retention messages (i18n/retention.*.ts), a chunk of their own.
const rules = withMessages('retention', () => import('./RuleScreens'));
const holds = withMessages('retention', () => import('./HoldScreens'));
const queue = withMessages('retention', () => import('./QueueList'));
const screens = withMessages('retention', () => import('./DestructionScreens'));
const pipeline = withMessages('retention', () => import('./DormancyPipeline'));
const preview = withMessages('retention', () => import('./QueuePreviewPage'));
const cards = withMessages('retention', () => import('./RetentionCards'));

const RuleList = lazyNamed(rules, 'RuleList');
const RuleShow = lazyNamed(rules, 'RuleShow');
const RuleEdit = lazyNamed(rules, 'RuleEdit');
const HoldList = lazyNamed(holds, 'HoldList');
const HoldCreate = lazyNamed(holds, 'HoldCreate');
const HoldShow = lazyNamed(holds, 'HoldShow');
const QueueList = lazyNamed(queue, 'QueueList');
const RunList = lazyNamed(screens, 'RunList');
const RunShow = lazyNamed(screens, 'RunShow');
const CertificateList = lazyNamed(screens, 'CertificateList');
const CertificateShow = lazyNamed(screens, 'CertificateShow');
const DormancyPipeline = lazyNamed(pipeline, 'DormancyPipeline');
export const QueuePreviewPage = lazyNamed(preview, 'QueuePreviewPage');
/** The DPO dashboard's retention cards, with their messages. */
export const RetentionCards = lazyNamed(cards, 'RetentionCards');

/** Retention rules (F9): what each category of records is kept for; the DPO edits them with history. */
export const retentionRules: ResourceProps = {
  name: RULES,
  list: RuleList,
  show: RuleShow,
  edit: RuleEdit,
  icon: HourglassBottomOutlinedIcon,
  recordRepresentation: createElement(RecordLabel),
};

/** Legal holds: destruction skips the people and categories an active hold names. */
export const legalHolds: ResourceProps = {
  name: HOLDS,
  list: HoldList,
  create: HoldCreate,
  show: HoldShow,
  icon: GavelOutlinedIcon,
  recordRepresentation: 'reference',
};

/** The destruction queue the daily scan builds. */
export const destructionQueue: ResourceProps = { name: QUEUE, list: QueueList, icon: ListAltOutlinedIcon };

/** Destruction runs and their certificates. */
export const destructionRuns: ResourceProps = {
  name: RUNS,
  list: RunList,
  show: RunShow,
  icon: PlaylistPlayOutlinedIcon,
};
export const destructionCertificates: ResourceProps = {
  name: CERTIFICATES,
  list: CertificateList,
  show: CertificateShow,
  icon: ReceiptOutlinedIcon,
  recordRepresentation: 'reference',
};

/** The dormancy pipeline and support's reactivation. */
export const dormancy: ResourceProps = { name: DORMANCY, list: DormancyPipeline, icon: BedtimeOutlinedIcon };

export const previewIcon = DeleteSweepOutlinedIcon;
