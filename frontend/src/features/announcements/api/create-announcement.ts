// POST /api/v1/admin/announcements: an announcement or a maintenance notice (administrators).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Announcement, AnnouncementRequest } from './announcement-types';

export function createAnnouncement(request: AnnouncementRequest): Promise<ApiResult<Announcement>> {
  return send(api.POST('/api/v1/admin/announcements', { body: request }));
}
