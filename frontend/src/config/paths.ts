// Addresses the SPA links to, in one place.
export const paths = {
  home: '/',
  help: '/help',
  status: '/status',
  register: '/register',
  registered: '/register/check-email',
  /** The link in the verification email (the server builds it: keep in step). */
  verifyEmail: '/verify-email',
  login: '/login',
  forgotPassword: '/password/forgot',
  /** The link in the password-reset email (the server builds it: keep in step). */
  resetPassword: '/password/reset',
  account: '/account',
  /** An organisation's API clients (OAuth 2.0 client credentials), for legal entities' accounts. */
  apiClients: '/account/api-clients',
  adminAccounts: '/admin/accounts',
  adminAccount: (id: string) => `/admin/accounts/${encodeURIComponent(id)}`,
  adminAudit: '/admin/audit',
  adminAnnouncements: '/admin/announcements',
  agreements: '/agreements',
  agreement: (id: string) => `/agreements/${encodeURIComponent(id)}`,
  /** The blocking page: what a person must accept before going on (R-2.3). */
  acceptAgreements: '/agreements/accept',
  adminAgreements: '/admin/agreements',
  /** The catalogue of services (permit types). */
  services: '/services',
  apply: (code: string) => `/services/${encodeURIComponent(code)}/apply`,
  myRequests: '/requests',
  /** A request's page (the server's notices link here: keep in step). */
  request: (id: string) => `/requests/${encodeURIComponent(id)}`,
  editRequest: (id: string, step?: 'form' | 'documents' | 'sign') =>
    `/requests/${encodeURIComponent(id)}/edit${step ? `?step=${step}` : ''}`,
  staffRequests: '/staff/requests',
  /** The public verify page of a decision (the server prints it in the QR code: keep in step). */
  verifyPermit: (number: string, code?: string) =>
    `/verify/${encodeURIComponent(number)}${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  notifications: '/notifications',
  notificationPreferences: '/notifications/preferences',
  /** Swagger UI, served by the API server rather than the SPA: link to it, don't route to it. */
  apiDocs: '/docs/',
} as const;
