// Site header: product name, the account area, the language switcher and the main navigation.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { LanguageSwitcher } from './language-switcher';

export function Header({ accountMenu, notifications }: { accountMenu?: ReactNode; notifications?: ReactNode }) {
  const { t } = useTranslation();

  return (
    <header className="site-header">
      <div className="site-header__inner container">
        <Link to={paths.home} className="brand">
          <img className="brand__mark" src="/favicon.svg" alt="" width="40" height="40" />
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        <div className="site-header__tools">
          {notifications}
          {accountMenu}
          <LanguageSwitcher />
        </div>
      </div>
      <nav className="site-nav" aria-label={t('nav.label')}>
        <ul className="site-nav__list container">
          <li>
            <NavLink to={paths.home} end>
              {t('nav.home')}
            </NavLink>
          </li>
          <li>
            <NavLink to={paths.services}>{t('nav.services')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.checkPermit}>{t('nav.checkPermit')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.openRegister}>{t('nav.openRegister')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.performance}>{t('nav.performance')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.help}>{t('nav.help')}</NavLink>
          </li>
          <li>
            <NavLink to={paths.status}>{t('nav.status')}</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
