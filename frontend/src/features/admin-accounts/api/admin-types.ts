import type { components } from '@/lib/api-client';

export type AdminAccount = components['schemas']['AdminAccountView'];
export type AccountPage = components['schemas']['Page_AdminAccountView'];
export type AuditEvent = components['schemas']['AuditEventView'];
export type AuditPage = components['schemas']['Page_AuditEventView'];
export type VerificationReport = components['schemas']['VerificationReport'];
export type AccountStatus = components['schemas']['AccountStatus'];
export type Role = components['schemas']['Role'];

export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'blocked', 'refused', 'closed', 'deleted'];
export const ROLES: readonly Role[] = ['applicant', 'reviewer', 'admin'];
