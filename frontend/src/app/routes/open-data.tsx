// Open data (docs/transparency.md): the public register of permits issued and refused, and the
// department's performance figures. Both are for everyone, signed in or not. The register's
// permit types come from the catalogue (the `permits` feature), composed in here.
import { useTranslation } from 'react-i18next';
import type { TypeOption } from '@/features/open-data/api/open-data-types';
import { PerformanceReport } from '@/features/open-data/components/performance-report';
import { RegisterSearch } from '@/features/open-data/components/register-search';
import { usePermitTypes } from '@/features/permits/components/use-type-names';
import { useLocalized } from '@/features/permits/lib/format';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function OpenRegisterRoute() {
  const { t } = useTranslation();
  const { types } = usePermitTypes();
  const localized = useLocalized();
  const options: TypeOption[] = types.map((type) => ({ code: type.code, name: localized(type.name) }));
  useDocumentTitle(t('openData.register.title'));
  return (
    <>
      <h1>{t('openData.register.title')}</h1>
      <p className="lead">{t('openData.register.intro')}</p>
      <p>{t('openData.register.privacy')}</p>
      <RegisterSearch types={options} />
    </>
  );
}

export function PerformanceRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('openData.performance.title'));
  return (
    <>
      <h1>{t('openData.performance.title')}</h1>
      <p className="lead">{t('openData.performance.intro')}</p>
      <PerformanceReport />
    </>
  );
}
