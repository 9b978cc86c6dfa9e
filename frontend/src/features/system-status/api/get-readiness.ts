// GET /api/v1/health/ready: can the server handle requests, i.e. are its dependencies (the
// database) reachable? 503 with a problem document when not.
import { api, type components } from '@/lib/api-client';
import { isProblem, type ProbeOutcome } from './probe';

export type Readiness = components['schemas']['Readiness'];

export async function getReadiness(): Promise<ProbeOutcome<Readiness>> {
  try {
    const { data, error, response } = await api.GET('/api/v1/health/ready');
    if (data) return { kind: 'ok', body: data };
    if (response.status === 503) {
      return { kind: 'not-ready', httpStatus: 503, problem: isProblem(error) ? error : null };
    }
    return { kind: 'unreachable', httpStatus: response.status };
  } catch {
    return { kind: 'unreachable', httpStatus: null };
  }
}
