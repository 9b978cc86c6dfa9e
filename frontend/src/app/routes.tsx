// The SPA's routes. Every page renders inside the shared layout, so each one carries the
// header (with the account menu), the language switcher and the footer with the help link
// the announcements banner and, for signed-in people, the notifications bell. The
// session provider wraps them all, and the live notifications inside it.
import type { RouteObject } from 'react-router';
import { Layout } from '@/components/layout/layout';
import { AccountMenu } from '@/features/auth/components/account-menu';
import { AuthProvider } from '@/features/auth/components/auth-provider';
import { AccountRoute } from './routes/account';
import { ApiClientsRoute } from './routes/api-clients';
import { ConsentGate } from './consent-gate';
import {
  AdminAccountRoute,
  AdminAccountsRoute,
  AdminAgreementsRoute,
  AdminAnnouncementsRoute,
  AdminAuditRoute,
} from './routes/admin';
import { AcceptAgreementsRoute, AgreementRoute, AgreementsRoute } from './routes/agreements';
import { ForgotPasswordRoute } from './routes/forgot-password';
import { HelpRoute } from './routes/help';
import { HomeRoute } from './routes/home';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { NotificationPreferencesRoute, NotificationsRoute } from './routes/notifications';
import {
  ApplyRoute,
  EditRequestRoute,
  MyRequestsRoute,
  RequestRoute,
  ServicesRoute,
  StaffRequestsRoute,
  VerifyPermitRoute,
} from './routes/permits';
import { RegisterRoute } from './routes/register';
import { RegisteredRoute } from './routes/registered';
import { ResetPasswordRoute } from './routes/reset-password';
import { RouteError } from './routes/route-error';
import { StatusRoute } from './routes/status';
import { VerifyEmailRoute } from './routes/verify-email';
import { Announcements, HeaderBell, SessionNotifications } from './session-notifications';

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
        errorElement: <RouteError />,
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
          { path: 'account/api-clients', element: <ApiClientsRoute /> },
          { path: 'admin/accounts', element: <AdminAccountsRoute /> },
          { path: 'admin/accounts/:id', element: <AdminAccountRoute /> },
          { path: 'admin/audit', element: <AdminAuditRoute /> },
          { path: 'admin/announcements', element: <AdminAnnouncementsRoute /> },
          { path: 'admin/agreements', element: <AdminAgreementsRoute /> },
          { path: 'agreements', element: <AgreementsRoute /> },
          { path: 'agreements/accept', element: <AcceptAgreementsRoute /> },
          { path: 'agreements/:id', element: <AgreementRoute /> },
          { path: 'services', element: <ServicesRoute /> },
          { path: 'services/:code/apply', element: <ApplyRoute /> },
          { path: 'requests', element: <MyRequestsRoute /> },
          { path: 'requests/:id', element: <RequestRoute /> },
          { path: 'requests/:id/edit', element: <EditRequestRoute /> },
          { path: 'staff/requests', element: <StaffRequestsRoute /> },
          { path: 'verify/:number', element: <VerifyPermitRoute /> },
          { path: 'notifications', element: <NotificationsRoute /> },
          { path: 'notifications/preferences', element: <NotificationPreferencesRoute /> },
          { path: '*', element: <NotFoundRoute /> },
        ],
      },
    ],
  },
];
