import type { ReactNode } from 'react';
import { useCanAccess, useRequireAccess } from 'react-admin';

/**
 * Renders a resource page only once the rules allow it, else goes to react-admin's
 * access-denied page. react-admin's own check starts the page's data request before it
 * redirects, which would earn a pointless 403 and an error toast.
 */
export const RequireAccess = ({
  resource,
  action,
  children,
}: {
  resource: string;
  action: string;
  children: ReactNode;
}) => {
  useRequireAccess({ resource, action });
  const { canAccess, isPending } = useCanAccess({ resource, action });
  return !isPending && canAccess ? children : null;
};
