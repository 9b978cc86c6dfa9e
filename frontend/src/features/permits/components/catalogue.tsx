// The catalogue of services (public): every permit type open for applications with what it is,
// who provides it, who may apply, its periods in working days, the approvals it needs and the
// documents to attach. A signed-in applicant who may apply gets the "Apply" link; a visitor is
// asked to sign in first.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { listPermitTypes } from '../api/catalogue';
import type { DocumentSlot, PermitsViewer, PermitType } from '../api/permit-types';
import { typeName, useFileSize, useLocalized } from '../lib/format';
import './permits.css';

export function DocumentChecklistSummary({ slots }: { slots: readonly DocumentSlot[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const fileSize = useFileSize();
  return (
    <ul className="checklist-summary">
      {slots.map((slot) => (
        <li key={slot.code}>
          <span className="checklist-summary__name">{localized(slot.name)}</span>{' '}
          <span className="checklist-summary__need">
            ({slot.mandatory ? t('permits.documents.mandatory') : t('permits.documents.optional')})
          </span>
          <span className="table__note">
            {t('permits.documents.allowed', {
              types: slot.content_types.map(typeName).join(', '),
              size: fileSize(slot.max_bytes),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function ServiceCard({
  type,
  viewer,
  applyLink,
  signInLink,
  signInState,
}: {
  type: PermitType;
  viewer: PermitsViewer | null;
  applyLink: (code: string) => string;
  signInLink: string;
  signInState?: unknown;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const headingId = `service-${type.code}`;
  const name = localized(type.name);
  const mayApply = viewer?.role === 'applicant' && type.applicant_kinds.includes(viewer.kind);

  return (
    <li className="service">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="service__name">
          {name}
        </h2>
        <p>{localized(type.description)}</p>
        <dl className="summary">
          <div className="summary__row">
            <dt>{t('permits.catalogue.provider')}</dt>
            <dd>{localized(type.organisation.name)}</dd>
          </div>
          <div className="summary__row">
            <dt>{t('permits.catalogue.applicants')}</dt>
            <dd>{type.applicant_kinds.map((kind) => t(`permits.applicantKinds.${kind}`)).join(', ')}</dd>
          </div>
          <div className="summary__row">
            <dt>{t('permits.catalogue.intakeDays')}</dt>
            <dd>{type.intake_days}</dd>
          </div>
          <div className="summary__row">
            <dt>{t('permits.catalogue.reviewDays')}</dt>
            <dd>{type.review_days}</dd>
          </div>
          <div className="summary__row">
            <dt>{t('permits.catalogue.objectionDays')}</dt>
            <dd>{type.objection_days}</dd>
          </div>
          {type.approvals.length > 0 && (
            <div className="summary__row">
              <dt>{t('permits.catalogue.approvals')}</dt>
              <dd>{type.approvals.map((organisation) => localized(organisation.name)).join('; ')}</dd>
            </div>
          )}
        </dl>
        <h3>{t('permits.catalogue.documents')}</h3>
        <DocumentChecklistSummary slots={type.documents} />
        {mayApply && (
          <p>
            <Link className="button" to={applyLink(type.code)} aria-label={t('permits.catalogue.applyFor', { name })}>
              {t('permits.catalogue.apply')}
            </Link>
          </p>
        )}
        {viewer === null && (
          <p>
            <Link to={signInLink} state={signInState}>
              {t('permits.catalogue.signInToApply')}
            </Link>
          </p>
        )}
        {viewer?.role === 'applicant' && !mayApply && <p className="table__note">{t('permits.catalogue.notForYou')}</p>}
      </article>
    </li>
  );
}

export interface CatalogueProps {
  viewer: PermitsViewer | null;
  applyLink: (code: string) => string;
  signInLink: string;
  /** Where the sign-in page returns to (the router's location state). */
  signInState?: unknown;
}

export function Catalogue({ viewer, applyLink, signInLink, signInState }: CatalogueProps) {
  const { t } = useTranslation();
  const load = useCallback(() => listPermitTypes(), []);
  const { result } = useApiResult(load);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (result.data.length === 0) return <p>{t('permits.catalogue.empty')}</p>;

  return (
    <ul className="service-list" aria-label={t('permits.catalogue.listLabel')}>
      {result.data.map((type) => (
        <ServiceCard
          key={type.code}
          type={type}
          viewer={viewer}
          applyLink={applyLink}
          signInLink={signInLink}
          signInState={signInState}
        />
      ))}
    </ul>
  );
}
