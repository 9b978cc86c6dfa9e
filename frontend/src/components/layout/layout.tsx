// The frame around every page: skip link, header, the page in <main>, footer. Shared components
// know no feature: the app hands the header its account menu.
import { Suspense, useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { Footer } from './footer';
import { Header } from './header';
// The shared styles of forms, alerts, summaries and tables (and `visually-hidden`), which every
// page uses, come with the frame: pages are loaded apart, and a page that shows no form field
// would otherwise depend on one having been opened before it.
import '@/components/forms/forms.css';
import './layout.css';

export const MAIN_CONTENT_ID = 'main-content';

/**
 * After a client-side navigation, moves focus to the new page's heading, as a full page load
 * would put a screen-reader user at the top of the new page; or, for a link to a section of the
 * page (`/help#ncalayer`), to that section's element. The first render is left alone.
 */
function useFocusOnNavigation(main: RefObject<HTMLElement | null>): void {
  const { pathname, hash } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const section = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    const heading = main.current?.querySelector<HTMLElement>('h1');
    const target = (section && main.current?.contains(section) ? section : null) ?? heading ?? main.current;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    if (target === section) section.scrollIntoView?.({ block: 'start' });
  }, [pathname, hash, main]);
}

/**
 * Shown in place of a page while its code is being fetched (the app loads pages when they are
 * first opened), announced politely to screen readers.
 */
function PageLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="page-loading" data-testid="page-loading">
      {t('common.loading')}
    </p>
  );
}

export interface LayoutProps {
  /** The header's account area (sign in, or the signed-in person), supplied by the app. */
  accountMenu?: ReactNode;
  /** The header's notifications bell (signed-in people), supplied by the app. */
  notifications?: ReactNode;
  /** The announcements banner under the header, supplied by the app. */
  banner?: ReactNode;
}

export function Layout({ accountMenu, notifications, banner }: LayoutProps) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);

  return (
    <div className="page">
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('skipLink')}
      </a>
      <Header accountMenu={accountMenu} notifications={notifications} />
      {banner}
      <main id={MAIN_CONTENT_ID} ref={main} tabIndex={-1} className="page__main container">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </div>
  );
}
