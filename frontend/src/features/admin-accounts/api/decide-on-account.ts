// An administrator's decision on an account, always with its reason, which the owner
// is emailed and the audit log keeps: block, unblock, refuse the registration, lift a lockout,
// or delete (personal data erased; the row stays for the records the law requires).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AdminAccount } from './admin-types';

export type Decision = 'block' | 'unblock' | 'refuse' | 'unlock' | 'delete';

export function decideOnAccount(id: string, decision: Decision, reason: string): Promise<ApiResult<AdminAccount>> {
  const init = { params: { path: { id } }, body: { reason: reason.trim() } };
  switch (decision) {
    case 'block':
      return send(api.POST('/api/v1/admin/accounts/{id}/block', init));
    case 'unblock':
      return send(api.POST('/api/v1/admin/accounts/{id}/unblock', init));
    case 'refuse':
      return send(api.POST('/api/v1/admin/accounts/{id}/refuse', init));
    case 'unlock':
      return send(api.POST('/api/v1/admin/accounts/{id}/unlock', init));
    case 'delete':
      return send(api.DELETE('/api/v1/admin/accounts/{id}', init));
  }
}
