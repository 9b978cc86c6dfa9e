// GET /api/v1/help/contact (public): whom to call or write to, and when; the department's
// configuration (`[help]`), any part of which may be left out.
import type { components } from '@/lib/api-client';
import { api, send, type ApiResult } from '@/lib/api-client';

export type HelpContact = components['schemas']['HelpContact'];

export function getHelpContact(): Promise<ApiResult<HelpContact>> {
  return send(api.GET('/api/v1/help/contact'));
}
