// GET /api/v1/announcements (public): the announcements in force now.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Announcement } from './announcement-types';

export function listAnnouncements(): Promise<ApiResult<Announcement[]>> {
  return send(api.GET('/api/v1/announcements'));
}
