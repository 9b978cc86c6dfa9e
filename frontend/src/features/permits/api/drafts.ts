// An applicant's draft: started (POST /permit-requests, made safe to retry by an
// Idempotency-Key), read, and saved (PATCH with the ETag read last in If-Match: 412 when someone
// changed the request meanwhile).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { FormData, PermitRequest } from './permit-types';

export function createDraft(
  typeCode: string,
  title: string,
  idempotencyKey: string,
): Promise<ApiResult<PermitRequest>> {
  return send(
    api.POST('/api/v1/permit-requests', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: { type_code: typeCode, title: title.trim() || null, form_data: {} },
    }),
  );
}

export function getRequest(id: string): Promise<ApiResult<PermitRequest>> {
  return send(api.GET('/api/v1/permit-requests/{id}', { params: { path: { id } } }));
}

export function saveDraft(
  request: Pick<PermitRequest, 'id' | 'etag'>,
  changes: { title: string; formData: FormData },
): Promise<ApiResult<PermitRequest>> {
  return send(
    api.PATCH('/api/v1/permit-requests/{id}', {
      params: { path: { id: request.id }, header: { 'If-Match': request.etag } },
      body: { title: changes.title, form_data: changes.formData },
    }),
  );
}
