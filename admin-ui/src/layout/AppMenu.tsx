import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
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

/** Home, then every resource the person's rules let them list (react-admin asks canAccess). */
export const AppMenu = () => (
  <Menu>
    <Menu.DashboardItem primaryText="app.menu.home" leftIcon={<HomeOutlinedIcon />} />
    <Menu.ResourceItems />
    <IntegrityItem />
    <AccessReviewItem />
  </Menu>
);
