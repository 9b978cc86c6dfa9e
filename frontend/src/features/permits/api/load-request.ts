// A request with its service (the form's schema, the checklist, the refusal grounds), as the
// request's pages need both.
import type { ApiResult } from '@/lib/api-client';
import { getPermitType } from './catalogue';
import { getRequest } from './drafts';
import type { PermitRequest, PermitType } from './permit-types';

export interface RequestWithType {
  request: PermitRequest;
  type: PermitType;
}

export async function loadRequestWithType(id: string): Promise<ApiResult<RequestWithType>> {
  const request = await getRequest(id);
  if (!request.ok) return request;
  const type = await getPermitType(request.data.type_code);
  if (!type.ok) return type;
  return { ok: true, data: { request: request.data, type: type.data } };
}
