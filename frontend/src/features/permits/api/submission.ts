// Signing and submitting: the digest the applicant signs with the SIGN key (the 64 hex characters
// of GET …/digest), then POST …/submit with the signature. A retry with the same Idempotency-Key
// and body gets the first answer rather than a second submission.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Digest, PermitRequest } from './permit-types';

export function getDigest(requestId: string): Promise<ApiResult<Digest>> {
  return send(api.GET('/api/v1/permit-requests/{id}/digest', { params: { path: { id: requestId } } }));
}

export function submitRequest(
  requestId: string,
  signed: { digest: string; signature: string },
  idempotencyKey: string,
): Promise<ApiResult<PermitRequest>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/submit', {
      params: { path: { id: requestId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: signed,
    }),
  );
}
