// Home: what Saulet is and how a permit is obtained, in three steps, with the way to the services.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function HomeRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));

  return (
    <>
      <h1>{t('home.heading')}</h1>
      <p className="lead">{t('home.intro')}</p>

      <section aria-labelledby="home-steps">
        <h2 id="home-steps">{t('home.stepsHeading')}</h2>
        <ol className="steps">
          <li>{t('home.steps.register')}</li>
          <li>{t('home.steps.apply')}</li>
          <li>{t('home.steps.follow')}</li>
        </ol>
        <p>
          <Link to={paths.services}>{t('home.servicesLink')}</Link>
        </p>
        <p>
          <Link to={paths.help}>{t('home.helpLink')}</Link>
        </p>
      </section>

      <section aria-labelledby="home-integrators">
        <h2 id="home-integrators">{t('home.integratorsHeading')}</h2>
        <p>{t('home.integrators')}</p>
        <p>
          <a href={paths.apiDocs}>{t('home.apiDocsLink')}</a>
        </p>
      </section>
    </>
  );
}
