// The catalogue and the working-day calendar as the administrators' pages read and write them
// (tags `permits` and `admin`).
import type { components } from '@/lib/api-client';

export type PermitTypeView = components['schemas']['PermitTypeView'];
export type PermitTypeUpdate = components['schemas']['PermitTypeUpdate'];
export type TypeVersion = components['schemas']['TypeVersionView'];
export type Organisation = components['schemas']['OrganisationView'];
export type Localized = components['schemas']['Localized'];
export type ApplicantKind = components['schemas']['AccountKind'];
export type CalendarStatus = components['schemas']['CalendarStatus'];
export type CalendarYearStatus = components['schemas']['CalendarYearStatus'];
export type CalendarDay = components['schemas']['CalendarDayView'];

export const APPLICANT_KINDS: readonly ApplicantKind[] = ['individual', 'legal_entity'];

/** The file types the server recognises from a file's bytes (docs/permits.md, "The catalogue"). */
export const CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;

export const DAY_KINDS = ['holiday', 'working_day'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
