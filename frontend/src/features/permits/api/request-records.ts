// What happened to a request: its steps (oldest first) and its signed versions, each with what
// changed since the one before.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { HistoryEntry, Version } from './permit-types';

export function getHistory(requestId: string): Promise<ApiResult<HistoryEntry[]>> {
  return send(api.GET('/api/v1/permit-requests/{id}/history', { params: { path: { id: requestId } } }));
}

export function getVersions(requestId: string): Promise<ApiResult<Version[]>> {
  return send(api.GET('/api/v1/permit-requests/{id}/versions', { params: { path: { id: requestId } } }));
}
