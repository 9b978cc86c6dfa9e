// The administrators' navigation between their pages: on every administration page, and on the
// pages they share with the staff (the review teams).
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t('admin.nav.label')}>
      <ul className="sub-nav__list">
        <li>
          <NavLink to={paths.adminAccounts} end>
            {t('admin.nav.accounts')}
          </NavLink>
        </li>
        <li>
          <NavLink to={paths.adminAudit}>{t('admin.nav.audit')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.staffTeam}>{t('admin.nav.team')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.adminAnnouncements}>{t('admin.nav.announcements')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.adminAgreements}>{t('admin.nav.agreements')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.adminCatalogue}>{t('admin.nav.catalogue')}</NavLink>
        </li>
        <li>
          <NavLink to={paths.adminCalendar}>{t('admin.nav.calendar')}</NavLink>
        </li>
      </ul>
    </nav>
  );
}
