import { Suspense, type ComponentType } from 'react';
import { Admin, CustomRoutes, Resource, type I18nProvider } from 'react-admin';
import { Route } from 'react-router-dom';
import { lazyNamed } from './components/lazyNamed';
import { AppLayout, theme } from './layout';
import { authProvider } from './providers/auth';
import { dataProvider } from './providers/data';
import { createQueryClient } from './providers/queryClient';
import { createConsoleStore } from './providers/store';
import { accessLog } from './resources/access-log';
import { activities } from './resources/activities';
import { legalDisclosures } from './resources/legal-disclosures';
import { policies } from './resources/policies';
import { processors } from './resources/processors';
import { provisions } from './resources/provisions';
import { transfers } from './resources/transfers';
import { staff } from './resources/staff';
import { subjects } from './resources/subjects';
import { complianceFindings } from './resources/compliance-findings';
import { rightsRequests } from './resources/rights-requests';
import { holidays } from './resources/holidays';
import { jobs } from './resources/jobs';
import { outbox } from './resources/outbox';
import { templates } from './resources/templates';
import { complaints, ComplaintSummaryPage } from './resources/complaints';
import { incidentTemplates } from './resources/incident-templates';
import { incidents } from './resources/incidents';
import {
  destructionCertificates,
  destructionQueue,
  destructionRuns,
  dormancy,
  legalHolds,
  QueuePreviewPage,
  retentionRules,
} from './resources/retention';

const AccessReviewPage = lazyNamed(() => import('./pages/AccessReviewPage'), 'AccessReviewPage');
const HomePage = lazyNamed(() => import('./pages/HomePage'), 'HomePage');
const IntegrityPage = lazyNamed(() => import('./pages/IntegrityPage'), 'IntegrityPage');
const MfaEnrollPage = lazyNamed(() => import('./pages/MfaEnrollPage'), 'MfaEnrollPage');
const MfaVerifyPage = lazyNamed(() => import('./pages/MfaVerifyPage'), 'MfaVerifyPage');
const PasswordChangePage = lazyNamed(() => import('./pages/PasswordChangePage'), 'PasswordChangePage');
const PolicyPreviewPage = lazyNamed(() => import('./pages/PolicyPreviewPage'), 'PolicyPreviewPage');
const SignInPage = lazyNamed(() => import('./pages/SignInPage'), 'SignInPage');

/**
 * Pages outside react-admin's layout (the sign-in flow) wait for their chunk here; inside the
 * layout, react-admin's own Suspense shows its loader.
 */
const outsideLayout = (Page: ComponentType) => {
  const Wrapped = () => (
    <Suspense fallback={null}>
      <Page />
    </Suspense>
  );
  return Wrapped;
};
const SignInScreen = outsideLayout(SignInPage);
const PasswordChangePageScreen = outsideLayout(PasswordChangePage);
const MfaEnrollPageScreen = outsideLayout(MfaEnrollPage);
const MfaVerifyPageScreen = outsideLayout(MfaVerifyPage);

const store = createConsoleStore();
const queryClient = createQueryClient();

export const App = ({ i18nProvider }: { i18nProvider: I18nProvider }) => (
  <Admin
    title="app.name"
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    store={store}
    queryClient={queryClient}
    layout={AppLayout}
    theme={theme}
    dashboard={HomePage}
    loginPage={SignInScreen}
    requireAuth
    disableTelemetry
  >
    <Resource {...staff} />
    <Resource {...subjects} />
    <Resource {...complianceFindings} />
    <Resource {...complaints} />
    <Resource {...incidentTemplates} />
    <Resource {...rightsRequests} />
    <Resource {...incidents} />
    <Resource {...accessLog} />
    {/* The registers (F4), in the order a regulator reads them. */}
    <Resource {...activities} />
    <Resource {...processors} />
    <Resource {...provisions} />
    <Resource {...transfers} />
    <Resource {...legalDisclosures} />
    <Resource {...policies} />
    {/* Retention, legal holds, destruction and dormancy (F9). */}
    <Resource {...retentionRules} />
    <Resource {...legalHolds} />
    <Resource {...destructionQueue} />
    <Resource {...destructionRuns} />
    <Resource {...destructionCertificates} />
    <Resource {...dormancy} />
    <Resource {...holidays} />
    <Resource {...jobs} />

    <Resource {...templates} />
    <Resource {...outbox} />
    <CustomRoutes>
      <Route path="/integrity" element={<IntegrityPage />} />
      <Route path="/access-review" element={<AccessReviewPage />} />
      <Route path="/policy-preview" element={<PolicyPreviewPage />} />
      <Route path="/complaints-summary" element={<ComplaintSummaryPage />} />
      <Route path="/retention/preview" element={<QueuePreviewPage />} />
    </CustomRoutes>
    {/* The rest of the sign-in flow: reachable with a pre-MFA session, so outside the layout. */}
    <CustomRoutes noLayout>
      <Route path="/password-change" element={<PasswordChangePageScreen />} />
      <Route path="/mfa/enroll" element={<MfaEnrollPageScreen />} />
      <Route path="/mfa/verify" element={<MfaVerifyPageScreen />} />
    </CustomRoutes>
  </Admin>
);
