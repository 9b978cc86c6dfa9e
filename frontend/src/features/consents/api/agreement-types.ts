// The agreement documents and consent records, as the API describes them.
import type { components } from '@/lib/api-client';

export type Agreement = components['schemas']['AgreementView'];
export type AgreementKind = components['schemas']['AgreementKind'];
export type Consent = components['schemas']['ConsentView'];
export type PersonalDataDetails = components['schemas']['PersonalDataDetails'];
export type PublishRequest = components['schemas']['PublishRequest'];
export type Language = components['schemas']['Lang'];
export type VersionTally = components['schemas']['VersionTally'];
