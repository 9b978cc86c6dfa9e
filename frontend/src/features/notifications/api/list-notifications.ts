// GET /api/v1/notifications: my notices, newest first, a page at a time, with the unread count.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { InboxPage } from './notification-types';

export const INBOX_PAGE_SIZE = 20;

export function listNotifications(
  options: { unreadOnly?: boolean; cursor?: string; limit?: number } = {},
): Promise<ApiResult<InboxPage>> {
  return send(
    api.GET('/api/v1/notifications', {
      params: {
        query: {
          unread: options.unreadOnly ? true : undefined,
          limit: options.limit ?? INBOX_PAGE_SIZE,
          cursor: options.cursor,
        },
      },
    }),
  );
}
