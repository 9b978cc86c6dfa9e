// More time to answer corrections (docs/permits.md, "Deadlines"): while corrections are
// requested the applicant's side asks for more working days with a reason (one ask at a time);
// a reviewer of the routed organisation grants it, which moves `corrections_due` on by the days
// asked, or refuses it with a reason. Each answers the request as it is afterwards.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { PermitRequest } from './permit-types';

type Answer = Promise<ApiResult<PermitRequest>>;

export function askForMoreTime(id: string, days: number, reason: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/extension', {
      params: { path: { id } },
      body: { days, reason: reason.trim() },
    }),
  );
}

/** Grants the pending ask, or refuses it: a refusal needs the comment (422 without it). */
export function decideMoreTime(id: string, grant: boolean, comment: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/extension/decision', {
      params: { path: { id } },
      body: { grant, comment: comment.trim() ? comment.trim() : null },
    }),
  );
}
