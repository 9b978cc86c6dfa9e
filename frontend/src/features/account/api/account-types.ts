import type { components } from '@/lib/api-client';

export type Account = components['schemas']['AccountView'];
export type AccountChange = components['schemas']['ChangeView'];
export type AccountSession = components['schemas']['SessionView'];
export type Language = components['schemas']['Lang'];
