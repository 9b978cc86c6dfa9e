// The header's account area: "Sign in" and "Register" for visitors; for a signed-in person their
// name, their account, their requests (applicants) or the review queue and their team (reviewers),
// administration (administrators only) and "Sign out".
//
// On a narrow screen (under 768 px) the signed-in area folds behind a "Menu" button, a disclosure:
// the button says whether it is open (aria-expanded) and which panel it opens; opening moves the
// focus to the panel's first link; Escape closes it and gives the focus back to the button, as do
// a click elsewhere and following a link. Wider, the button is not shown and the panel always is
// (layout.css), so the folding is CSS only.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import type { Account } from '../api/token-response';
import { useAuth } from '../hooks/use-auth';

function MenuIcon() {
  return (
    <svg className="account-menu__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M2 4h12M2 8h12M2 12h12" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" />
    </svg>
  );
}

/** The open/closed state of the narrow screen's menu, with its keyboard and pointer behaviour. */
function useDisclosure() {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();

  // Following a link (or any change of page) closes the menu.
  const [shownFor, setShownFor] = useState(pathname);
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('a[href], button:not([disabled])')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && container.current?.contains(event.target)) return;
      setOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('pointerdown', onPointerDown);
    };
  }, [open]);

  return { open, setOpen, container, toggle, panel };
}

function SignedInMenu({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const { open, setOpen, container, toggle, panel } = useDisclosure();

  return (
    <nav ref={container} className="account-menu account-menu--signed-in" aria-label={t('accountMenu.label')}>
      <button
        ref={toggle}
        type="button"
        className="account-menu__toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <MenuIcon />
        {t('accountMenu.menu')}
      </button>
      <div
        ref={panel}
        id={panelId}
        className={open ? 'account-menu__panel account-menu__panel--open' : 'account-menu__panel'}
        data-testid="account-menu-panel"
      >
        <p className="account-menu__who">
          <span className="visually-hidden">{t('accountMenu.signedInAs')} </span>
          <span data-testid="signed-in-name">{account.full_name}</span>
        </p>
        <ul className="account-menu__list">
          <li>
            <NavLink to={paths.account}>{t('accountMenu.account')}</NavLink>
          </li>
          {account.role === 'applicant' && (
            <li>
              <NavLink to={paths.myRequests}>{t('accountMenu.requests')}</NavLink>
            </li>
          )}
          {account.role === 'reviewer' && (
            <>
              <li>
                <NavLink to={paths.staffRequests}>{t('accountMenu.queue')}</NavLink>
              </li>
              <li>
                <NavLink to={paths.staffTeam}>{t('accountMenu.team')}</NavLink>
              </li>
            </>
          )}
          {account.role === 'admin' && (
            <li>
              <NavLink to={paths.adminAccounts}>{t('accountMenu.admin')}</NavLink>
            </li>
          )}
          <li>
            <button
              type="button"
              className="account-menu__sign-out"
              disabled={signingOut}
              onClick={() => {
                setSigningOut(true);
                void signOut()
                  .then(() => navigate(paths.home, { replace: true }))
                  .finally(() => setSigningOut(false));
              }}
            >
              {t('accountMenu.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </nav>
  );
}

export function AccountMenu() {
  const { t } = useTranslation();
  const { session } = useAuth();

  if (session.status === 'restoring') {
    return <div className="account-menu" aria-hidden="true" />;
  }

  if (session.status === 'signed-out') {
    return (
      <nav className="account-menu" aria-label={t('accountMenu.label')}>
        <ul className="account-menu__list">
          <li>
            <Link to={paths.login}>{t('accountMenu.signIn')}</Link>
          </li>
          <li>
            <Link to={paths.register}>{t('accountMenu.register')}</Link>
          </li>
        </ul>
      </nav>
    );
  }

  return <SignedInMenu account={session.account} />;
}
