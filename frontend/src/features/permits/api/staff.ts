// An organisation's reviewers and their load (GET /api/v1/organisations/{code}/staff): for the
// organisation's own reviewers and for administrators (403 `forbidden` for anyone else); and the
// organisations themselves (GET /api/v1/organisations, public).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Organisation, StaffView } from './permit-types';

export function listOrganisations(): Promise<ApiResult<Organisation[]>> {
  return send(api.GET('/api/v1/organisations'));
}

export function getStaff(code: string): Promise<ApiResult<StaffView>> {
  return send(api.GET('/api/v1/organisations/{code}/staff', { params: { path: { code } } }));
}

/**
 * The team of the reader's own organisation, or null when they are a reviewer of none. The API
 * tells no one which organisation they belong to (the organisations' BINs are not published), so
 * the organisations are asked in turn, the providers (the department) first, and the one whose
 * staff list opens to the reader is theirs. A reviewer of the department, the usual case, is
 * answered at the first question.
 */
export async function findMyTeam(): Promise<ApiResult<StaffView | null>> {
  const organisations = await listOrganisations();
  if (!organisations.ok) return organisations;
  const inTurn = [
    ...organisations.data.filter((organisation) => organisation.kind === 'provider'),
    ...organisations.data.filter((organisation) => organisation.kind !== 'provider'),
  ];
  for (const organisation of inTurn) {
    const staff = await getStaff(organisation.code);
    if (staff.ok) return staff;
    const refused =
      staff.failure.kind === 'problem' && (staff.failure.problem.type === 'forbidden' || staff.failure.problem.type === 'not-found');
    if (!refused) return staff;
  }
  return { ok: true, data: null };
}
