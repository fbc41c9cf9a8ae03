import type { ComponentType } from 'react';
import AddAlertOutlinedIcon from '@mui/icons-material/AddAlertOutlined';
import AddCommentOutlinedIcon from '@mui/icons-material/AddCommentOutlined';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import InsightsOutlinedIcon from '@mui/icons-material/InsightsOutlined';
import TableChartOutlinedIcon from '@mui/icons-material/TableChartOutlined';
import VerifiedUserOutlinedIcon from '@mui/icons-material/VerifiedUserOutlined';
import type { ResourceProps } from 'react-admin';
import { accessLog } from '../resources/access-log';
import { activities } from '../resources/activities';
import { complianceFindings } from '../resources/compliance-findings';
import { complaints } from '../resources/complaints';
import { incidentTemplates } from '../resources/incident-templates';
import { incidents } from '../resources/incidents';
import { rightsRequests } from '../resources/rights-requests';
import { holidays } from '../resources/holidays';
import { jobs } from '../resources/jobs';
import { legalDisclosures } from '../resources/legal-disclosures';
import { outbox } from '../resources/outbox';
import { policies } from '../resources/policies';
import { processors } from '../resources/processors';
import { provisions } from '../resources/provisions';
import {
  destructionCertificates,
  destructionQueue,
  destructionRuns,
  dormancy,
  legalHolds,
  previewIcon,
  retentionRules,
} from '../resources/retention';
import { POLICIES } from '../resources/registers/registerResources';
import { staff } from '../resources/staff';
import { subjects } from '../resources/subjects';
import { templates } from '../resources/templates';
import { transfers } from '../resources/transfers';

/** One link of the side menu, shown when the person may do `access.action` on `access.resource`. */
export interface MenuEntry {
  /** The route, e.g. "/staff"; also the entry's key. */
  to: string;
  /** A message key; for a resource, its plural name (`resources.<name>.name`). */
  label: string;
  /** For a resource: its name, so that the label is react-admin's plural resource label. */
  resource?: string;
  icon?: ComponentType;
  access: { resource: string; action: string };
  testId?: string;
}

/** A heading of the side menu and its links; a heading with no link the person may open is not shown. */
export interface MenuGroup {
  key: string;
  /** A message key under app.menu.groups. */
  label: string;
  items: MenuEntry[];
}

/** A resource's list, shown to whoever may list it (react-admin's own rule). */
export const resourceItem = (resource: ResourceProps): MenuEntry => ({
  to: `/${resource.name}`,
  label: `resources.${resource.name}.name`,
  resource: resource.name,
  icon: resource.icon,
  access: { resource: resource.name, action: 'list' },
  testId: `menu-${resource.name.replace(/\//g, '-')}`,
});

/** A custom page, shown to whoever may do `action` on `resource`. */
export const pageItem = (
  to: string,
  label: string,
  icon: ComponentType,
  access: { resource: string; action: string },
): MenuEntry => ({ to, label, icon, access, testId: `menu${to.replace(/\//g, '-')}` });

/**
 * The side menu, grouped by the work people do (F6). Adding a screen is one line in its group:
 * `resourceItem(jobs)` for a resource, `pageItem(path, labelKey, Icon, { resource, action })`
 * for a page.
 */
export const MENU_GROUPS: MenuGroup[] = [
  {
    key: 'people',
    label: 'app.menu.groups.people',
    items: [resourceItem(subjects), resourceItem(rightsRequests), resourceItem(complianceFindings)],
  },
  {
    key: 'complaints',
    label: 'resources.complaints.menu_group',
    items: [
      resourceItem(complaints),
      pageItem('/complaints/create', 'resources.complaints.menu.create', AddCommentOutlinedIcon, {
        resource: 'complaints',
        action: 'create',
      }),
      pageItem('/complaints-summary', 'resources.complaints.menu.summary', InsightsOutlinedIcon, {
        resource: 'complaints',
        action: 'list',
      }),
    ],
  },
  {
    key: 'incidents',
    label: 'resources.incidents.menu_group',
    items: [
      resourceItem(incidents),
      pageItem('/incidents/create', 'resources.incidents.menu.create', AddAlertOutlinedIcon, {
        resource: 'incidents',
        action: 'create',
      }),
      resourceItem(incidentTemplates),
    ],
  },
  {
    key: 'registers',
    label: 'app.menu.groups.registers',
    items: [
      resourceItem(activities),
      resourceItem(processors),
      resourceItem(provisions),
      resourceItem(transfers),
      resourceItem(legalDisclosures),
      resourceItem(policies),
      pageItem('/policy-preview', 'resources.registers.menu.policy_preview', TableChartOutlinedIcon, {
        resource: POLICIES,
        action: 'list',
      }),
      resourceItem(holidays),
    ],
  },
  {
    key: 'retention',
    label: 'app.menu.groups.retention',
    items: [
      resourceItem(retentionRules),
      resourceItem(legalHolds),
      pageItem('/retention/preview', 'app.menu.retention_preview', previewIcon, {
        resource: 'retention/preview',
        action: 'read',
      }),
      resourceItem(destructionQueue),
      resourceItem(destructionRuns),
      resourceItem(destructionCertificates),
      resourceItem(dormancy),
    ],
  },
  {
    key: 'access_log',
    label: 'app.menu.groups.access_log',
    items: [
      resourceItem(accessLog),
      pageItem('/integrity', 'app.menu.integrity', VerifiedUserOutlinedIcon, {
        resource: 'access-log',
        action: 'read',
      }),
      pageItem('/access-review', 'app.menu.access_review', FactCheckOutlinedIcon, {
        resource: 'access-log-review',
        action: 'read',
      }),
    ],
  },
  {
    key: 'administration',
    label: 'app.menu.groups.administration',
    items: [resourceItem(staff), resourceItem(jobs), resourceItem(templates), resourceItem(outbox)],
  },
];

/** The groups with only the entries `canAccess` allows, and no empty group. */
export const visibleGroups = (groups: MenuGroup[], canAccess: (entry: MenuEntry) => boolean): MenuGroup[] =>
  groups.map((group) => ({ ...group, items: group.items.filter(canAccess) })).filter((group) => group.items.length > 0);
