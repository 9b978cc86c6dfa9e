// Addresses the SPA links to, in one place.
export const paths = {
  home: '/',
  help: '/help',
  status: '/status',
  /** Swagger UI, served by the API server rather than the SPA: link to it, don't route to it. */
  apiDocs: '/docs/',
} as const;
