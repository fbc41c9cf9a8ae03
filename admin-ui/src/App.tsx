import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { i18nProvider } from './i18n';
import { AppLayout, theme } from './layout';
import { AccessReviewPage } from './pages/AccessReviewPage';
import { HomePage } from './pages/HomePage';
import { IntegrityPage } from './pages/IntegrityPage';
import { MfaEnrollPage } from './pages/MfaEnrollPage';
import { MfaVerifyPage } from './pages/MfaVerifyPage';
import { PasswordChangePage } from './pages/PasswordChangePage';
import { PolicyPreviewPage } from './pages/PolicyPreviewPage';
import { SignInPage } from './pages/SignInPage';
import { authProvider } from './providers/auth';
import { dataProvider } from './providers/data';
import { createConsoleStore } from './providers/store';
import { accessLog } from './resources/access-log';
import { activities } from './resources/activities';
import { legalDisclosures } from './resources/legal-disclosures';
import { policies, retentionRules } from './resources/policies';
import { processors } from './resources/processors';
import { provisions } from './resources/provisions';
import { transfers } from './resources/transfers';
import { staff } from './resources/staff';
import { subjects } from './resources/subjects';
import { complianceFindings } from './resources/compliance-findings';
import { holidays } from './resources/holidays';
import { jobs } from './resources/jobs';
import { outbox } from './resources/outbox';
import { templates } from './resources/templates';

const store = createConsoleStore();

export const App = () => (
  <Admin
    title="app.name"
    authProvider={authProvider}
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    store={store}
    layout={AppLayout}
    theme={theme}
    dashboard={HomePage}
    loginPage={SignInPage}
    requireAuth
    disableTelemetry
  >
    <Resource {...staff} />
    <Resource {...subjects} />
    <Resource {...complianceFindings} />
    <Resource {...accessLog} />
    {/* The registers (F4), in the order a regulator reads them. */}
    <Resource {...activities} />
    <Resource {...processors} />
    <Resource {...provisions} />
    <Resource {...transfers} />
    <Resource {...legalDisclosures} />
    <Resource {...policies} />
    <Resource {...retentionRules} />
    <Resource {...holidays} />
    <Resource {...jobs} />

    <Resource {...templates} />
    <Resource {...outbox} />
    <CustomRoutes>
      <Route path="/integrity" element={<IntegrityPage />} />
      <Route path="/access-review" element={<AccessReviewPage />} />
      <Route path="/policy-preview" element={<PolicyPreviewPage />} />
    </CustomRoutes>
    {/* The rest of the sign-in flow: reachable with a pre-MFA session, so outside the layout. */}
    <CustomRoutes noLayout>
      <Route path="/password-change" element={<PasswordChangePage />} />
      <Route path="/mfa/enroll" element={<MfaEnrollPage />} />
      <Route path="/mfa/verify" element={<MfaVerifyPage />} />
    </CustomRoutes>
  </Admin>
);
