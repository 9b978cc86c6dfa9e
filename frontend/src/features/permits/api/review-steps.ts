// The steps taken on a submitted request. The applicant's: withdraw, object to a preliminary
// refusal (a signed act: the statement's digest, then its signature with the SIGN key). The routed
// staff's: assign, accept, return, request corrections, announce a preliminary refusal (a signed
// act, as the objection), and decide: a decision draft (the PDF to sign, with its SHA-256), then
// its signature with the SIGN key (approve or refuse). Staff of an approving organisation answer
// their task as a signed act: the document (the technical conditions, needed to approve), the
// answer's digest, then its signature (approve or decline). Each step but the upload and the
// digests answers the request as it is afterwards.
import { api, send, type ApiResult } from '@/lib/api-client';
import type {
  AnswerDigest,
  CorrectionItem,
  Decision,
  PermitRequest,
  StatementDigest,
  TaskDocument,
  TaskVerdict,
} from './permit-types';

type Answer = Promise<ApiResult<PermitRequest>>;

const at = (id: string) => ({ params: { path: { id } } });

/** A comment the person may leave empty. */
const optional = (comment: string) => (comment.trim() ? comment.trim() : null);

export function withdrawRequest(id: string, comment: string): Answer {
  return send(api.POST('/api/v1/permit-requests/{id}/withdraw', { ...at(id), body: { comment: optional(comment) } }));
}

/** The objection to sign (the request, the refusal objected to, the reason, the applicant) and its digest. */
export function readObjection(id: string, reason: string): Promise<ApiResult<StatementDigest>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/objection/statement', { ...at(id), body: { reason: reason.trim() } }),
  );
}

/**
 * The objection signed: the digest read with `readObjection` and the signature over its 64
 * characters, with the same reason. An objection made already, a period ended or a statement
 * changed since is 409.
 */
export function objectToRefusal(id: string, reason: string, digest: string, signature: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/objection', {
      ...at(id),
      body: { reason: reason.trim(), digest, signature },
    }),
  );
}

export function assignToMe(id: string): Answer {
  return send(api.POST('/api/v1/permit-requests/{id}/assign', { ...at(id), body: {} }));
}

/**
 * To a reviewer of the routed organisation. A request that has a reviewer already passes to
 * another only with a reason (422 `validation` on `reason` without one), which its history keeps
 * and both reviewers are told; to the reviewer it has is 409 `conflict`.
 */
export function assignTo(id: string, assigneeId: string, reason: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/assign', {
      ...at(id),
      body: { assignee_id: assigneeId, reason: optional(reason) },
    }),
  );
}

export function acceptRequest(id: string, comment: string): Answer {
  return send(api.POST('/api/v1/permit-requests/{id}/accept', { ...at(id), body: { comment: optional(comment) } }));
}

export function returnRequest(id: string, reason: string): Answer {
  return send(api.POST('/api/v1/permit-requests/{id}/return', { ...at(id), body: { reason: reason.trim() } }));
}

export function requestCorrections(id: string, items: CorrectionItem[], comment: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/request-corrections', {
      ...at(id),
      body: { items, comment: optional(comment) },
    }),
  );
}

/**
 * The preliminary refusal to sign (the request, the grounds with their texts, the reasoned text,
 * the official) and its digest. Grounds not of the service's list are 422 `validation`.
 */
export function readRefusal(id: string, grounds: string[], text: string): Promise<ApiResult<StatementDigest>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/preliminary-refusal/statement', {
      ...at(id),
      body: { grounds, text: text.trim() },
    }),
  );
}

/**
 * The preliminary refusal signed: the digest read with `readRefusal` and the signature over its
 * 64 characters, with the same grounds and text. Other grounds or text than signed are 409 `conflict`.
 */
export function announceRefusal(id: string, grounds: string[], text: string, digest: string, signature: string): Answer {
  return send(
    api.POST('/api/v1/permit-requests/{id}/preliminary-refusal', {
      ...at(id),
      body: { grounds, text: text.trim(), digest, signature },
    }),
  );
}

export type DecisionKind = 'permit' | 'refusal';

export function draftDecision(id: string, kind: DecisionKind, comment: string): Promise<ApiResult<Decision>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/decision-draft', { ...at(id), body: { kind, comment: optional(comment) } }),
  );
}

export function signDecision(id: string, kind: DecisionKind, decisionId: string, signature: string): Answer {
  const init = { ...at(id), body: { decision_id: decisionId, signature } };
  return kind === 'permit'
    ? send(api.POST('/api/v1/permit-requests/{id}/approve', init))
    : send(api.POST('/api/v1/permit-requests/{id}/refuse', init));
}

/** The path of an approval task. */
const atTask = (id: string, taskId: string) => ({ params: { path: { id, task: taskId } } });

/**
 * The organisation's document for its answer (the technical conditions, a PDF), as multipart with
 * one part named `file`. It replaces the one uploaded before, until the answer is signed.
 */
export function uploadTaskDocument(id: string, taskId: string, file: File): Promise<ApiResult<TaskDocument>> {
  const body = new FormData();
  body.append('file', file, file.name);
  return send(
    api.POST('/api/v1/permit-requests/{id}/tasks/{task}/document', {
      ...atTask(id, taskId),
      // Sent as it is: the browser writes the multipart boundary.
      body: body as unknown as { file: string },
    }),
  );
}

/** The answer to sign (the verdict, the comment, the uploaded document) and its digest. */
export function readTaskAnswer(
  id: string,
  taskId: string,
  verdict: TaskVerdict,
  comment: string,
): Promise<ApiResult<AnswerDigest>> {
  return send(
    api.POST('/api/v1/permit-requests/{id}/tasks/{task}/answer', {
      ...atTask(id, taskId),
      body: { verdict, comment: optional(comment) },
    }),
  );
}

/**
 * The answer signed: the digest read with `readTaskAnswer` and the signature over its 64
 * characters, with the same comment. An answer changed since (another document) is 409 `conflict`.
 */
export function signTaskAnswer(
  id: string,
  taskId: string,
  verdict: TaskVerdict,
  comment: string,
  digest: string,
  signature: string,
): Answer {
  const init = { ...atTask(id, taskId), body: { comment: optional(comment), digest, signature } };
  return verdict === 'approve'
    ? send(api.POST('/api/v1/permit-requests/{id}/tasks/{task}/approve', init))
    : send(api.POST('/api/v1/permit-requests/{id}/tasks/{task}/decline', init));
}
