// The agreement versions in force (GET /api/v1/agreements, public), for the pages that ask a person
// to accept them before they have an account: registration. Null while loading, and when the list
// could not be read (the server then refuses what needs them, and says so).
import { useCallback } from 'react';
import { useApiResult } from '@/hooks/use-api-result';
import type { Agreement } from '../api/agreement-types';
import { listAgreements } from '../api/list-agreements';

export function useAgreementsInForce(): { agreements: Agreement[] | null; reload: () => void } {
  const load = useCallback(async () => {
    const listed = await listAgreements();
    if (!listed.ok) return listed;
    return { ok: true as const, data: listed.data.filter((agreement) => agreement.status === 'in_force') };
  }, []);
  const { result, reload } = useApiResult(load);
  return { agreements: result?.ok ? result.data : null, reload };
}
