// Permit types, requests and their parts, as the API describes them (tag `permits`).
import type { components } from '@/lib/api-client';
import { recordOrEmpty } from '../lib/json';

export type PermitType = components['schemas']['PermitTypeView'];
export type DocumentSlot = components['schemas']['DocumentSlot'];
export type RefusalGround = components['schemas']['RefusalGround'];
export type Organisation = components['schemas']['OrganisationView'];
export type Localized = components['schemas']['Localized'];
export type PermitRequest = components['schemas']['RequestView'];
export type RequestSummary = components['schemas']['RequestSummary'];
export type RequestPage = components['schemas']['RequestPage'];
export type RequestStatus = components['schemas']['Status'];
export type UploadedDocument = components['schemas']['DocumentView'];
export type Digest = components['schemas']['DigestView'];
export type Decision = components['schemas']['DecisionView'];
export type Version = components['schemas']['VersionView'];
export type Change = components['schemas']['Change'];
export type HistoryEntry = components['schemas']['HistoryEntry'];
export type Verification = components['schemas']['VerifyView'];
export type CorrectionItem = components['schemas']['CorrectionItem'];
export type ApprovalTask = components['schemas']['TaskView'];
export type TaskDocument = components['schemas']['TaskDocumentView'];
export type TaskVerdict = components['schemas']['Verdict'];
export type AnswerDigest = components['schemas']['AnswerDigest'];
export type StatementDigest = components['schemas']['StatementDigest'];
export type ApplicantKind = components['schemas']['AccountKind'];
export type Extension = components['schemas']['ExtensionView'];
export type CoApplicant = components['schemas']['CoApplicantView'];

/** Form data as the applicant fills it: the form's field names to JSON values. */
export type FormData = Record<string, unknown>;

export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'draft',
  'submitted',
  'in_review',
  'corrections_requested',
  'preliminary_refusal',
  'approved',
  'issued',
  'refused',
  'returned',
  'withdrawn',
];

/** What the reader may do to a request now (`RequestView.actions`). */
export const REQUEST_ACTIONS = [
  'edit',
  'submit',
  'withdraw',
  'object',
  'assign',
  'accept',
  'return',
  'request_corrections',
  'preliminary_refusal',
  'approve',
  'refuse',
  'task',
  'ask_extension',
  'decide_extension',
  'invite',
] as const;

export type RequestAction = (typeof REQUEST_ACTIONS)[number];

export function isRequestAction(value: string): value is RequestAction {
  return (REQUEST_ACTIONS as readonly string[]).includes(value);
}

/** The actions of a request the SPA knows, in the order the API lists them. */
export function actionsOf(request: Pick<PermitRequest, 'actions'>): RequestAction[] {
  return request.actions.filter(isRequestAction);
}

/** A request's form data as an object (the API types free-form JSON as `unknown`). */
export function formDataOf(request: Pick<PermitRequest, 'form_data'>): FormData {
  return recordOrEmpty(request.form_data);
}

export type Role = components['schemas']['Role'];

/** Who looks at the permits pages: what decides which buttons and links they see. */
export interface PermitsViewer {
  id: string;
  role: Role;
  kind: ApplicantKind;
}

export type StaffView = components['schemas']['StaffView'];
export type StaffMember = components['schemas']['StaffMember'];
