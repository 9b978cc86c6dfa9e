// Addresses the SPA links to, in one place.
export const paths = {
  home: '/',
  help: '/help',
  /** Sections of the help page, for the EDS forms. */
  helpGetEds: '/help#get-eds',
  helpNcaLayer: '/help#ncalayer',
  status: '/status',
  register: '/register',
  registered: '/register/check-email',
  /** The link in the verification email (the server builds it: keep in step). */
  verifyEmail: '/verify-email',
  login: '/login',
  forgotPassword: '/password/forgot',
  /** The link in the password-reset email (the server builds it: keep in step). */
  resetPassword: '/password/reset',
  /** The account's profile; its other pages below (the server's notices link to some: keep in step). */
  account: '/account',
  accountSecurity: '/account/security',
  accountConsents: '/account/consents',
  accountData: '/account/data',
  accountClose: '/account/close',
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
  /** The catalogue of permit types, and one type's editor with its versions. */
  adminCatalogue: '/admin/catalogue',
  adminPermitType: (code: string) => `/admin/catalogue/${encodeURIComponent(code)}`,
  /** The working-day calendar (the server's notices link here: keep in step); `year` opens its editor. */
  adminCalendar: '/admin/calendar',
  adminCalendarYear: (year: number) => `/admin/calendar?year=${year}`,
  /** The catalogue of services (permit types). */
  services: '/services',
  apply: (code: string) => `/services/${encodeURIComponent(code)}/apply`,
  myRequests: '/requests',
  /** A request's page (the server's notices link here: keep in step). */
  request: (id: string) => `/requests/${encodeURIComponent(id)}`,
  editRequest: (id: string, step?: 'form' | 'documents' | 'sign') =>
    `/requests/${encodeURIComponent(id)}/edit${step ? `?step=${step}` : ''}`,
  staffRequests: '/staff/requests',
  /** An organisation's reviewers and their open requests (reviewers: their own; administrators: any). */
  staffTeam: '/staff/team',
  /** "Check a permit": the number and code typed in, then the verify page. */
  checkPermit: '/verify',
  /** The public verify page of a decision (the server prints it in the QR code: keep in step). */
  verifyPermit: (number: string, code?: string) =>
    `/verify/${encodeURIComponent(number)}${code ? `?code=${encodeURIComponent(code)}` : ''}`,
  /** Open data (public): the register of permits issued and refused, and the performance figures. */
  openRegister: '/open-data/register',
  performance: '/open-data/performance',
  notifications: '/notifications',
  notificationPreferences: '/notifications/preferences',
  /** Swagger UI, served by the API server rather than the SPA: link to it, don't route to it. */
  apiDocs: '/docs/',
} as const;
