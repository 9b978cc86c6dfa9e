// The catalogue's permit types: GET /api/v1/permit-types (those open for applications) and
// /permit-types/{code} (any, open or closed) are public; PUT /api/v1/admin/permit-types/{code}
// replaces a type with a reason and answers it with its new version (422 `validation` naming
// the fields at fault: `review_days`, `documents[0].content_types`, `approvals[0]` …);
// GET …/versions lists its versions, newest first, with who, when, why and the requests filed.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Organisation, PermitTypeUpdate, PermitTypeView, TypeVersion } from './catalogue-types';

export function listTypes(): Promise<ApiResult<PermitTypeView[]>> {
  return send(api.GET('/api/v1/permit-types'));
}

export function getType(code: string): Promise<ApiResult<PermitTypeView>> {
  return send(api.GET('/api/v1/permit-types/{code}', { params: { path: { code } } }));
}

export function putType(code: string, update: PermitTypeUpdate): Promise<ApiResult<PermitTypeView>> {
  return send(api.PUT('/api/v1/admin/permit-types/{code}', { params: { path: { code } }, body: update }));
}

export function listVersions(code: string): Promise<ApiResult<TypeVersion[]>> {
  return send(api.GET('/api/v1/admin/permit-types/{code}/versions', { params: { path: { code } } }));
}

/** The department and the service subjects that give approvals (public). */
export function listOrganisations(): Promise<ApiResult<Organisation[]>> {
  return send(api.GET('/api/v1/organisations'));
}
