// Site footer. The link to the usage instructions is here so that every page carries it
// together with the API documentation's stable address for integrators.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';

export function Footer() {
  const { t } = useTranslation();

  return (
    <footer className="site-footer">
      <div className="container">
        <nav aria-label={t('footer.label')}>
          <ul className="site-footer__links">
            <li>
              <Link to={paths.help} data-testid="footer-help-link">
                {t('footer.help')}
              </Link>
            </li>
            <li>
              <Link to={paths.agreements}>{t('footer.agreements')}</Link>
            </li>
            <li>
              <a href={paths.apiDocs}>{t('footer.apiDocs')}</a>
            </li>
            <li>
              <Link to={paths.status}>{t('footer.status')}</Link>
            </li>
          </ul>
        </nav>
        <p className="site-footer__about">{t('footer.about')}</p>
      </div>
    </footer>
  );
}
