// Co-applicants (docs/permits.md, "Co-applicants"): while a request is being prepared the
// applicant's side invites a designer or a proxy by email; whoever holds an account with that
// verified address sees the request and edits its form and documents, and only the applicant
// signs. An invitation is taken back while the request may still be edited.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { CoApplicant } from './permit-types';

/** 201 with the invitation; an address invited already is 409, one's own address 422 `self`. */
export function inviteCoApplicant(requestId: string, email: string): Promise<ApiResult<CoApplicant>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/co-applicants', {
      params: { path: { id: requestId } },
      body: { email: email.trim() },
    }),
  );
}

export function removeCoApplicant(requestId: string, memberId: string): Promise<ApiResult<undefined>> {
  return send(
    api.DELETE('/api/v1/permit-requests/{id}/co-applicants/{member}', {
      params: { path: { id: requestId, member: memberId } },
    }),
  );
}
