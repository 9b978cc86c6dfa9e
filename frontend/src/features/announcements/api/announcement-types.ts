import type { components } from '@/lib/api-client';

export type Announcement = components['schemas']['AnnouncementView'];
export type AnnouncementRequest = components['schemas']['AnnouncementRequest'];
export type AnnouncementKind = components['schemas']['AnnouncementKind'];
export type Audience = components['schemas']['Audience'];
export type Localized = components['schemas']['Localized'];

export const KINDS: readonly AnnouncementKind[] = ['info', 'maintenance'];
export const AUDIENCES: readonly Audience[] = ['everyone', 'applicants', 'staff'];
