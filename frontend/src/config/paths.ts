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
  adminAccounts: '/admin/accounts',
  adminAccount: (id: string) => `/admin/accounts/${encodeURIComponent(id)}`,
  adminAudit: '/admin/audit',
  adminAnnouncements: '/admin/announcements',
  agreements: '/agreements',
  agreement: (id: string) => `/agreements/${encodeURIComponent(id)}`,
  /** The blocking page: what a person must accept before going on. */
  acceptAgreements: '/agreements/accept',
  adminAgreements: '/admin/agreements',
  notifications: '/notifications',
  notificationPreferences: '/notifications/preferences',
  /** Swagger UI, served by the API server rather than the SPA: link to it, don't route to it. */
  apiDocs: '/docs/',
} as const;
