// Help: the usage instructions that every page links to from its footer: registering
// with an EDS, applying for a permit and following its review.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function HelpRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('help.title'));

  return (
    <>
      <h1>{t('help.title')}</h1>
      <p className="lead">{t('help.intro')}</p>

      <section aria-labelledby="help-register">
        <h2 id="help-register">{t('help.register.heading')}</h2>
        <p>{t('help.register.eds')}</p>
        <p>{t('help.register.agreement')}</p>
        <p>{t('help.register.renew')}</p>
      </section>

      <section aria-labelledby="help-apply">
        <h2 id="help-apply">{t('help.apply.heading')}</h2>
        <p>{t('help.apply.body')}</p>
        <p>{t('help.apply.draft')}</p>
      </section>

      <section aria-labelledby="help-review">
        <h2 id="help-review">{t('help.review.heading')}</h2>
        <p>{t('help.review.body')}</p>
        <p>{t('help.review.corrections')}</p>
        <p>{t('help.review.result')}</p>
      </section>

      <section aria-labelledby="help-trouble">
        <h2 id="help-trouble">{t('help.troubleHeading')}</h2>
        <p>
          {t('help.trouble')} <Link to={paths.status}>{t('nav.status')}</Link>
        </p>
      </section>
    </>
  );
}
