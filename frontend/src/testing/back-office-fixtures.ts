// Canned answers of the back office's API for unit tests: an account as administrators see it,
// audit events, the organisations and an organisation's staff with their load.
import type { components } from '@/lib/api-client';
import { account } from './api-responses';

type AdminAccount = components['schemas']['AdminAccountView'];
type AuditEvent = components['schemas']['AuditEventView'];
type Organisation = components['schemas']['OrganisationView'];
type StaffView = components['schemas']['StaffView'];

export const ADMIN_ID = '0193a0c4-0000-7000-8000-0000000000ad';
export const LEAD_ID = '0193a0c4-0000-7000-8000-0000000000e2';
export const REVIEWER_ID = '0193a0c4-0000-7000-8000-0000000000e1';

export function adminAccount(overrides: Partial<AdminAccount> = {}): AdminAccount {
  return {
    ...account({
      id: LEAD_ID,
      kind: 'legal_entity',
      iin: '791003300708',
      bin: '190340020011',
      full_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ',
      organisation: 'Сәулет басқармасы',
      email: 'timur@example.kz',
    }),
    status_reason: null,
    locked_until: null,
    verified_at: null,
    ...overrides,
  };
}

export function auditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: '0193a0c4-0000-7000-8000-00000000a001',
    actor_id: ADMIN_ID,
    actor_name: 'СӘРСЕНБАЕВ ДӘУРЕН БОЛАТҰЛЫ',
    action: 'account.role',
    target_account_id: LEAD_ID,
    target_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ',
    reason: 'Топ жетекшісі',
    details: { from: 'applicant', to: 'reviewer' },
    created_at: '2026-12-04T18:30:00Z',
    client_address: '203.0.113.9',
    client_forwarded: true,
    ...overrides,
  };
}

export const DEPARTMENT: Organisation = {
  id: '0193a0c4-0000-7000-8000-0000000000d1',
  code: 'department',
  kind: 'provider',
  name: {
    kk: 'Сәулет және қала құрылысы басқармасы',
    ru: 'Управление архитектуры и градостроительства',
    en: 'Department of Architecture and Urban Planning',
  },
};

export const WATER: Organisation = {
  id: '0193a0c4-0000-7000-8000-0000000000d2',
  code: 'water',
  kind: 'service_subject',
  name: { kk: '«Астана Су Арнасы» МКК', ru: 'ГКП «Астана Су Арнасы»', en: 'Astana Su Arnasy (water utility)' },
};

export function staffView(overrides: Partial<StaffView> = {}): StaffView {
  return {
    organisation: DEPARTMENT,
    today: '2026-12-02',
    unassigned: 3,
    staff: [
      {
        account_id: REVIEWER_ID,
        full_name: 'НҰРЛАНОВА ДИНАРА ҚАЙРАТҚЫЗЫ',
        email: 'dinara@example.kz',
        open: 4,
        overdue: 1,
        due_this_week: 2,
      },
      {
        account_id: LEAD_ID,
        full_name: 'ҚАСЫМОВ ТИМУР АЙБЕКҰЛЫ',
        email: 'timur@example.kz',
        open: 0,
        overdue: 0,
        due_this_week: 0,
      },
    ],
    ...overrides,
  };
}
