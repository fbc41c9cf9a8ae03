import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import TableChartOutlinedIcon from '@mui/icons-material/TableChartOutlined';
import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import VerifiedUserOutlinedIcon from '@mui/icons-material/VerifiedUserOutlined';
import { Menu, useCanAccess } from 'react-admin';

/** The integrity page is not a resource: shown to whoever may read the access log. */
const IntegrityItem = () => {
  const { canAccess, isPending } = useCanAccess({ resource: 'access-log', action: 'read' });
  if (isPending || !canAccess) return null;
  return (
    <Menu.Item
      to="/integrity"
      primaryText="app.menu.integrity"
      leftIcon={<VerifiedUserOutlinedIcon />}
      data-testid="menu-integrity"
    />
  );
};

/** The monthly review is not a resource either: shown to whoever may read AccessLogReview. */
const AccessReviewItem = () => {
  const { canAccess, isPending } = useCanAccess({ resource: 'access-log-review', action: 'read' });
  if (isPending || !canAccess) return null;
  return (
    <Menu.Item
      to="/access-review"
      primaryText="app.menu.access_review"
      leftIcon={<FactCheckOutlinedIcon />}
      data-testid="menu-access-review"
    />
  );
};

/** The policy tables generated from the registers: shown to whoever may read the registers. */
const PolicyPreviewItem = () => {
  const { canAccess, isPending } = useCanAccess({ resource: 'registers/policies', action: 'list' });
  if (isPending || !canAccess) return null;
  return (
    <Menu.Item
      to="/policy-preview"
      primaryText="resources.registers.menu.policy_preview"
      leftIcon={<TableChartOutlinedIcon />}
      data-testid="menu-policy-preview"
    />
  );
};

/** Home, then every resource the person's rules let them list (react-admin asks canAccess). */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="app.menu.home" leftIcon={<HomeOutlinedIcon />} />
    <Menu.ResourceItems />
    <IntegrityItem />
    <AccessReviewItem />
    <PolicyPreviewItem />
  </Menu>
);
