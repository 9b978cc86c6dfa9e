// GET /api/v1/health/live: is the server process up?
import { api, type components } from '@/lib/api-client';
import type { ProbeOutcome } from './probe';

export type Liveness = components['schemas']['Liveness'];

export async function getLiveness(): Promise<ProbeOutcome<Liveness>> {
  try {
    const { data, response } = await api.GET('/api/v1/health/live');
    if (data) return { kind: 'ok', body: data };
    return { kind: 'unreachable', httpStatus: response.status };
  } catch {
    return { kind: 'unreachable', httpStatus: null };
  }
}
