import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { AppBar } from './AppBar';
import { AppMenu } from './AppMenu';
import { useDocumentTitle } from './useDocumentTitle';

// minWidth 0: a wide table scrolls inside its card instead of pushing the page sideways.
export const AppLayout = ({ children }: { children: ReactNode }) => {
  useDocumentTitle();
  return (
    <Layout appBar={AppBar} menu={AppMenu} sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}>
      {children}
    </Layout>
  );
};
