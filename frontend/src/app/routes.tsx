// The SPA's routes. Every page renders inside the shared layout, so each one carries the
// header (with the account menu), the language switcher and the footer with the help link
// the announcements banner and, for signed-in people, the notifications bell. The
// session provider wraps them all, and the live notifications inside it.
import type { RouteObject } from 'react-router';
import { Layout } from '@/components/layout/layout';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { AuthProvider } from '@/features/auth/components/auth-provider';
import { ConsentGate } from './consent-gate';
import { lazyPage } from './lazy-page';
import { PageErrorBoundary } from './page-error-boundary';
import { HomeRoute } from './routes/home';
import { Announcements, HeaderBell, SessionNotifications } from './session-notifications';

// Every page but the home page is fetched when first opened (see lazy-page.tsx); the pages of one
// module share a chunk.
const account = () => import('./routes/account');
const admin = () => import('./routes/admin');
const adminCatalogue = () => import('./routes/admin-catalogue');
const agreements = () => import('./routes/agreements');
const notifications = () => import('./routes/notifications');
const openData = () => import('./routes/open-data');
const permits = () => import('./routes/permits');

const AccountRoute = lazyPage(() => account().then((m) => m.AccountRoute));
const AccountSecurityRoute = lazyPage(() => account().then((m) => m.AccountSecurityRoute));
const AccountConsentsRoute = lazyPage(() => account().then((m) => m.AccountConsentsRoute));
const AccountDataRoute = lazyPage(() => account().then((m) => m.AccountDataRoute));
const AccountCloseRoute = lazyPage(() => account().then((m) => m.AccountCloseRoute));
const ApiClientsRoute = lazyPage(() => import('./routes/api-clients').then((m) => m.ApiClientsRoute));
const AdminAccountsRoute = lazyPage(() => admin().then((m) => m.AdminAccountsRoute));
const AdminAccountRoute = lazyPage(() => admin().then((m) => m.AdminAccountRoute));
const AdminAuditRoute = lazyPage(() => admin().then((m) => m.AdminAuditRoute));
const AdminAnnouncementsRoute = lazyPage(() => admin().then((m) => m.AdminAnnouncementsRoute));
const AdminAgreementsRoute = lazyPage(() => admin().then((m) => m.AdminAgreementsRoute));
const AdminCatalogueRoute = lazyPage(() => adminCatalogue().then((m) => m.AdminCatalogueRoute));
const AdminPermitTypeRoute = lazyPage(() => adminCatalogue().then((m) => m.AdminPermitTypeRoute));
const AdminCalendarRoute = lazyPage(() => adminCatalogue().then((m) => m.AdminCalendarRoute));
const AgreementsRoute = lazyPage(() => agreements().then((m) => m.AgreementsRoute));
const AcceptAgreementsRoute = lazyPage(() => agreements().then((m) => m.AcceptAgreementsRoute));
const AgreementRoute = lazyPage(() => agreements().then((m) => m.AgreementRoute));
const ForgotPasswordRoute = lazyPage(() => import('./routes/forgot-password').then((m) => m.ForgotPasswordRoute));
const HelpRoute = lazyPage(() => import('./routes/help').then((m) => m.HelpRoute));
const LoginRoute = lazyPage(() => import('./routes/login').then((m) => m.LoginRoute));
const NotFoundRoute = lazyPage(() => import('./routes/not-found').then((m) => m.NotFoundRoute));
const NotificationsRoute = lazyPage(() => notifications().then((m) => m.NotificationsRoute));
const NotificationPreferencesRoute = lazyPage(() => notifications().then((m) => m.NotificationPreferencesRoute));
const ServicesRoute = lazyPage(() => permits().then((m) => m.ServicesRoute));
const ApplyRoute = lazyPage(() => permits().then((m) => m.ApplyRoute));
const EditRequestRoute = lazyPage(() => permits().then((m) => m.EditRequestRoute));
const MyRequestsRoute = lazyPage(() => permits().then((m) => m.MyRequestsRoute));
const RequestRoute = lazyPage(() => permits().then((m) => m.RequestRoute));
const StaffRequestsRoute = lazyPage(() => permits().then((m) => m.StaffRequestsRoute));
const StaffTeamRoute = lazyPage(() => permits().then((m) => m.StaffTeamRoute));
const VerifyPermitRoute = lazyPage(() => permits().then((m) => m.VerifyPermitRoute));
const CheckPermitRoute = lazyPage(() => permits().then((m) => m.CheckPermitRoute));
const OpenRegisterRoute = lazyPage(() => openData().then((m) => m.OpenRegisterRoute));
const PerformanceRoute = lazyPage(() => openData().then((m) => m.PerformanceRoute));
const RegisterRoute = lazyPage(() => import('./routes/register').then((m) => m.RegisterRoute));
const RegisteredRoute = lazyPage(() => import('./routes/registered').then((m) => m.RegisteredRoute));
const ResetPasswordRoute = lazyPage(() => import('./routes/reset-password').then((m) => m.ResetPasswordRoute));
const StatusRoute = lazyPage(() => import('./routes/status').then((m) => m.StatusRoute));
const VerifyEmailRoute = lazyPage(() => import('./routes/verify-email').then((m) => m.VerifyEmailRoute));

export const routes: RouteObject[] = [
  {
    element: (
      <AuthProvider>
        <SessionNotifications>
          <ConsentGate>
            <Layout accountMenu={<AccountMenu />} notifications={<HeaderBell />} banner={<Announcements />} />
          </ConsentGate>
        </SessionNotifications>
      </AuthProvider>
    ),
    children: [
      {
        // A page that throws is replaced by the error page; the layout around it stays.
        element: <PageErrorBoundary />,
        children: [
          { index: true, element: <HomeRoute /> },
          { path: 'help', element: <HelpRoute /> },
          { path: 'status', element: <StatusRoute /> },
          { path: 'register', element: <RegisterRoute /> },
          { path: 'register/check-email', element: <RegisteredRoute /> },
          { path: 'verify-email', element: <VerifyEmailRoute /> },
          { path: 'login', element: <LoginRoute /> },
          { path: 'password/forgot', element: <ForgotPasswordRoute /> },
          { path: 'password/reset', element: <ResetPasswordRoute /> },
          { path: 'account', element: <AccountRoute /> },
          { path: 'account/security', element: <AccountSecurityRoute /> },
          { path: 'account/consents', element: <AccountConsentsRoute /> },
          { path: 'account/data', element: <AccountDataRoute /> },
          { path: 'account/close', element: <AccountCloseRoute /> },
          { path: 'account/api-clients', element: <ApiClientsRoute /> },
          { path: 'admin/accounts', element: <AdminAccountsRoute /> },
          { path: 'admin/accounts/:id', element: <AdminAccountRoute /> },
          { path: 'admin/audit', element: <AdminAuditRoute /> },
          { path: 'admin/announcements', element: <AdminAnnouncementsRoute /> },
          { path: 'admin/agreements', element: <AdminAgreementsRoute /> },
          { path: 'admin/catalogue', element: <AdminCatalogueRoute /> },
          { path: 'admin/catalogue/:code', element: <AdminPermitTypeRoute /> },
          { path: 'admin/calendar', element: <AdminCalendarRoute /> },
          { path: 'agreements', element: <AgreementsRoute /> },
          { path: 'agreements/accept', element: <AcceptAgreementsRoute /> },
          { path: 'agreements/:id', element: <AgreementRoute /> },
          { path: 'services', element: <ServicesRoute /> },
          { path: 'services/:code/apply', element: <ApplyRoute /> },
          { path: 'requests', element: <MyRequestsRoute /> },
          { path: 'requests/:id', element: <RequestRoute /> },
          { path: 'requests/:id/edit', element: <EditRequestRoute /> },
          { path: 'staff/requests', element: <StaffRequestsRoute /> },
          { path: 'staff/team', element: <StaffTeamRoute /> },
          { path: 'verify', element: <CheckPermitRoute /> },
          { path: 'verify/:number', element: <VerifyPermitRoute /> },
          { path: 'open-data/register', element: <OpenRegisterRoute /> },
          { path: 'open-data/performance', element: <PerformanceRoute /> },
          { path: 'notifications', element: <NotificationsRoute /> },
          { path: 'notifications/preferences', element: <NotificationPreferencesRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
