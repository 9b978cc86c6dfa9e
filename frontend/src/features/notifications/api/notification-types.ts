import type { components } from '@/lib/api-client';

export type NotificationView = components['schemas']['NotificationView'];
export type InboxPage = components['schemas']['InboxPage'];
export type Preference = components['schemas']['Preference'];
export type Category = components['schemas']['EmailCategory'];

export const CATEGORIES: readonly Category[] = ['security', 'legal', 'permit_status', 'announcements', 'reminders'];
