// PUT /api/v1/clients/{id}/key: registers or replaces the client's public key, for
// `private_key_jwt` (RSA of 2048 bits or more, EC P-256 or Ed25519, as PEM).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { ApiClient } from './client-types';

export function setClientKey(id: string, publicKeyPem: string): Promise<ApiResult<ApiClient>> {
  return send(api.PUT('/api/v1/clients/{id}/key', { params: { path: { id } }, body: { public_key_pem: publicKeyPem } }));
}
