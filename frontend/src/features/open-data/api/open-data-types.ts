// The public register and the performance figures, as the API describes them (tag `public`):
// docs/transparency.md. Anyone may read them, without signing in.
import type { components } from '@/lib/api-client';

export type RegisterEntry = components['schemas']['RegisterEntry'];
export type RegisterHolder = components['schemas']['RegisterHolder'];
export type RegisterPage = components['schemas']['RegisterPage'];
export type Localized = components['schemas']['Localized'];

export type PerformanceView = components['schemas']['PerformanceView'];
export type Figures = components['schemas']['Figures'];
export type MonthFigures = components['schemas']['MonthFigures'];
export type TypePerformance = components['schemas']['TypePerformance'];
export type OrganisationPerformance = components['schemas']['OrganisationPerformance'];

/** A register entry's outcome. */
export const OUTCOMES = ['issued', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The city's districts, as the forms offer them and the register filters by them. */
export const DISTRICTS = ['almaty', 'baikonyr', 'yesil', 'nura', 'saryarka', 'saraishyk'] as const;
export type District = (typeof DISTRICTS)[number];

export function isOutcome(value: unknown): value is Outcome {
  return (OUTCOMES as readonly unknown[]).includes(value);
}

export function isDistrict(value: unknown): value is District {
  return (DISTRICTS as readonly unknown[]).includes(value);
}

/** A permit type to filter by: its code and its name in the interface language. */
export interface TypeOption {
  code: string;
  name: string;
}
