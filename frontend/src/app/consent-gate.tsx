// The gate in the interface: when the API refuses a call with 403 `consent-required`, the
// person is taken to the blocking page with the documents to accept, and brought back to where
// they were once they have accepted them.
import { useEffect, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { onConsentRequired } from '@/lib/api-client';

/** What the blocking page is given, in the router's location state. */
export interface ConsentRequiredState {
  documents?: string[];
  from?: { pathname: string; search?: string };
}

export function ConsentGate({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { pathname, search } = location;

  useEffect(
    () =>
      onConsentRequired((documents) => {
        if (pathname === paths.acceptAgreements) return;
        const state: ConsentRequiredState = { documents, from: { pathname, search } };
        void navigate(paths.acceptAgreements, { state });
      }),
    [navigate, pathname, search],
  );

  return <>{children}</>;
}
