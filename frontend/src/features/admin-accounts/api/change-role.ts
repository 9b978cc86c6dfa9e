// PUT /api/v1/admin/accounts/{id}/role: gives the account another role (applicant, reviewer,
// administrator) with a reason, which the audit log keeps and the person is told. 409 `conflict`
// for the role it has, the administrator's own account or an inactive one; 422 `validation` on
// `role` when a reviewer's certificate carries no organisation (no BIN).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AdminAccount, Role } from './admin-types';

export function changeRole(id: string, role: Role, reason: string): Promise<ApiResult<AdminAccount>> {
  return send(
    api.PUT('/api/v1/admin/accounts/{id}/role', {
      params: { path: { id } },
      body: { role, reason: reason.trim() },
    }),
  );
}
