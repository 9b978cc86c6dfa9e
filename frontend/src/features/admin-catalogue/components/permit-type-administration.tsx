// One permit type on its administration page: its code, current version and state; its editor
// with the form's preview; and its versions. A save answers the type as the next version, which
// replaces the one shown (the editor starts again from it) and is read into the versions at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import type { PermitTypeView } from '../api/catalogue-types';
import { getType, listOrganisations } from '../api/permit-types';
import { TypeEditor, type RenderPreview } from './type-editor';
import { TypeVersions } from './type-versions';
import './admin-catalogue.css';

export interface PermitTypeAdministrationProps {
  code: string;
  renderPreview: RenderPreview;
  /** The type as loaded or saved: lets the page title name it. */
  onLoaded: (type: PermitTypeView) => void;
}

export function PermitTypeAdministration({ code, renderPreview, onLoaded }: PermitTypeAdministrationProps) {
  const { t } = useTranslation();
  const loadType = useCallback(() => getType(code), [code]);
  const { result } = useApiResult(loadType);
  const loadOrganisations = useCallback(() => listOrganisations(), []);
  const { result: organisations } = useApiResult(loadOrganisations);
  const [saved, setSaved] = useState<PermitTypeView | null>(null);
  const [round, setRound] = useState(0);
  const notice = useRef<HTMLDivElement>(null);
  const type = saved?.code === code ? saved : result?.ok ? result.data : null;

  useEffect(() => {
    if (type) onLoaded(type);
  }, [type, onLoaded]);

  // The confirmation is at the top of a long page: it takes the focus, so it is seen and read.
  useEffect(() => {
    if (saved) notice.current?.focus();
  }, [saved]);

  const onSaved = useCallback((next: PermitTypeView) => {
    setSaved(next);
    setRound((previous) => previous + 1);
  }, []);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  if (!type) return null;
  return (
    <>
      <p className="lead" data-testid="type-facts">
        {t('adminCatalogue.editor.facts', { code: type.code, version: type.version })}
        {!type.active && (
          <>
            {' '}
            <span className="catalogue-state--closed">{t('adminCatalogue.editor.closed')}</span>
          </>
        )}
      </p>
      <p>
        <a href="#catalogue-preview">{t('adminCatalogue.preview.heading')}</a> ·{' '}
        <a href="#catalogue-versions">{t('adminCatalogue.versions.heading')}</a>
      </p>
      {saved?.code === code && (
        <div ref={notice} className="alert alert--success" role="status" tabIndex={-1}>
          <p>{t('adminCatalogue.editor.saved', { version: saved.version })}</p>
        </div>
      )}
      {organisations && (
        <TypeEditor
          key={`${type.code}:${type.version}`}
          type={type}
          organisations={organisations.ok ? organisations.data : []}
          onSaved={onSaved}
          renderPreview={renderPreview}
        />
      )}
      <section aria-labelledby="catalogue-versions">
        <h2 id="catalogue-versions">{t('adminCatalogue.versions.heading')}</h2>
        <TypeVersions code={type.code} round={round} />
      </section>
    </>
  );
}
