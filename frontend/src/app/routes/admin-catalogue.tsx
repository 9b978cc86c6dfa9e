// The catalogue and the working-day calendar, for administrators (docs/administration.md, "The
// catalogue and the calendar"): the permit types, one type's editor with its versions, and the
// calendar's years. The editor's preview is the application form the `permits` feature draws for
// applicants, composed in here from the schema being edited.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import type { PermitTypeView } from '@/features/admin-catalogue/api/catalogue-types';
import { CalendarAdministration } from '@/features/admin-catalogue/components/calendar-administration';
import { PermitTypeAdministration } from '@/features/admin-catalogue/components/permit-type-administration';
import type { RenderPreview } from '@/features/admin-catalogue/components/type-editor';
import { TypeList } from '@/features/admin-catalogue/components/type-list';
import { useLocalized } from '@/features/admin-catalogue/components/use-localized';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { readFormSchema, type FormInputs } from '@/features/permits/schema-form/form-schema';
import { SchemaForm } from '@/features/permits/schema-form/schema-form';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { AdminNav } from '../admin-nav';

function AdminFrame({ children }: { children: ReactNode }) {
  return (
    <RequireAuth role="admin">
      {() => (
        <>
          <AdminNav />
          {children}
        </>
      )}
    </RequireAuth>
  );
}

/** The application form of a schema as the applicant sees it; what is typed stays here. */
function FormPreview({ schema }: { schema: unknown }) {
  const { t } = useTranslation();
  const fields = useMemo(() => readFormSchema(schema), [schema]);
  const [inputs, setInputs] = useState<FormInputs>({});
  if (fields.length === 0) return <p>{t('adminCatalogue.preview.empty')}</p>;
  return (
    <SchemaForm fields={fields} inputs={inputs} onChange={(name, value) => setInputs((previous) => ({ ...previous, [name]: value }))} />
  );
}

const renderPreview: RenderPreview = (schema) => <FormPreview schema={schema} />;

export function AdminCatalogueRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('adminCatalogue.list.title'));
  return (
    <AdminFrame>
      <h1>{t('adminCatalogue.list.title')}</h1>
      <p className="lead">{t('adminCatalogue.list.intro')}</p>
      <TypeList />
    </AdminFrame>
  );
}

export function AdminPermitTypeRoute() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { code = '' } = useParams();
  const [type, setType] = useState<PermitTypeView | null>(null);
  const onLoaded = useCallback((loaded: PermitTypeView) => setType(loaded), []);
  const name = type?.code === code ? localized(type.name) : null;
  useDocumentTitle(name ?? t('adminCatalogue.list.title'));
  return (
    <AdminFrame>
      <p className="breadcrumb">
        <Link to={paths.adminCatalogue}>{t('adminCatalogue.editor.back')}</Link>
      </p>
      <h1>{name ?? code}</h1>
      <PermitTypeAdministration key={code} code={code} renderPreview={renderPreview} onLoaded={onLoaded} />
    </AdminFrame>
  );
}

export function AdminCalendarRoute() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const asked = Number(search.get('year'));
  const year = Number.isInteger(asked) && asked > 0 ? asked : null;
  useDocumentTitle(t('adminCatalogue.calendar.title'));
  return (
    <AdminFrame>
      <h1>{t('adminCatalogue.calendar.title')}</h1>
      <p className="lead">{t('adminCatalogue.calendar.intro')}</p>
      <CalendarAdministration year={year} />
    </AdminFrame>
  );
}
