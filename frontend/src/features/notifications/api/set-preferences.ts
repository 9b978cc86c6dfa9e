// PUT /api/v1/notification-preferences: changes the optional categories (a mandatory one cannot be
// switched off: 422).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Preference } from './notification-types';

export function setPreferences(preferences: Preference[]): Promise<ApiResult<Preference[]>> {
  return send(
    api.PUT('/api/v1/notification-preferences', {
      body: {
        preferences: preferences.map(({ category, in_app, email }) => ({ category, in_app, email })),
      },
    }),
  );
}
