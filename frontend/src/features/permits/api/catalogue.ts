// GET /api/v1/permit-types and /permit-types/{code}: the catalogue of services (public).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { PermitType } from './permit-types';

export function listPermitTypes(): Promise<ApiResult<PermitType[]>> {
  return send(api.GET('/api/v1/permit-types'));
}

export function getPermitType(code: string): Promise<ApiResult<PermitType>> {
  return send(api.GET('/api/v1/permit-types/{code}', { params: { path: { code } } }));
}
