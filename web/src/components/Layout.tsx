import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { SessionResponse } from '../../../src/contract.ts';
import { getJson } from '../api/client.ts';
import { MenuIcon, SearchIcon } from '../ui/icons.tsx';
import { ThemeSwitch } from '../ui/ThemeSwitch.tsx';
import { UiProvider } from '../ui/UiProvider.tsx';
import { focusPageHeading } from './focus-heading.ts';
import { LanguageSwitch, PublicLinks } from './PublicNav.tsx';
import './shell.css';

// The palette and the narrow screen's drawer load when first opened: the first view carries neither.
const CommandPalette = lazy(() => import('../shell/CommandPalette.tsx'));
const NavigationDrawer = lazy(() => import('../shell/NavigationDrawer.tsx'));

/**
 * Whether someone is signed in, for the header's Workspace or Sign in link. A key of its own: the workspace's
 * session query also remembers the CSRF token, which this one has no business doing.
 */
function useSignedIn(): boolean {
  const { data } = useQuery({
    queryKey: ['session', 'header'],
    queryFn: () => getJson<SessionResponse>('/api/auth/session'),
    staleTime: 60_000,
  });
  return Boolean(data?.user);
}

/** Ctrl+K (⌘+K on a Mac) opens the command palette from anywhere. */
function usePaletteShortcut(open: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        open();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);
}

/**
 * Skip link; a compact header of one stable height with the public pages, the command palette, the workspace or
 * sign-in link, language and theme (on a narrow screen a menu button opens them in a drawer); the page; and the
 * data attribution.
 */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);
  const signedIn = useSignedIn();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const openPalette = useCallback(() => setPaletteOpen(true), []);
  usePaletteShortcut(openPalette);

  // Move focus to the new page's heading on navigation (not on the first load), as a screen-reader user expects.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    if (main.current) return focusPageHeading(main.current);
  }, [location.pathname]);

  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  return (
    <UiProvider>
      <div className="layout">
        <a className="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header className="site-header">
          <button
            type="button"
            className="site-header-icon site-menu-button"
            aria-label={t('nav.menu')}
            aria-haspopup="dialog"
            aria-expanded={drawerOpen}
            onClick={() => setDrawerOpen(true)}
          >
            <MenuIcon />
          </button>
          <Link to="/" className="brand">
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </Link>
          <nav aria-label={t('nav.main')} className="site-nav">
            <ul>
              <PublicLinks signedIn={signedIn} />
            </ul>
          </nav>
          <button
            type="button"
            className="site-palette-button"
            aria-haspopup="dialog"
            aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'}
            onClick={openPalette}
          >
            <SearchIcon />
            <span className="site-palette-label">{t('palette.open')}</span>
            <kbd className="site-palette-kbd">{isMac ? '⌘ K' : t('palette.shortcut')}</kbd>
          </button>
          <div className="site-header-settings">
            <LanguageSwitch />
            <ThemeSwitch />
          </div>
        </header>
        <main id="main" ref={main} tabIndex={-1}>
          <Outlet />
        </main>
        <footer className="site-footer">
          <p>{t('footer.attribution')}</p>
          <p>{t('footer.sourcesNote')}</p>
          <ul className="site-footer-links">
            <li>
              <Link to="/accessibility">{t('nav.accessibility')}</Link>
            </li>
            <li>
              <a href="/api/docs/">{t('nav.apiDocs')}</a>
            </li>
          </ul>
        </footer>
        {paletteOpen && (
          <Suspense fallback={null}>
            <CommandPalette isOpen={paletteOpen} onOpenChange={setPaletteOpen} />
          </Suspense>
        )}
        {drawerOpen && (
          <Suspense fallback={null}>
            <NavigationDrawer isOpen={drawerOpen} onOpenChange={setDrawerOpen} signedIn={signedIn} />
          </Suspense>
        )}
      </div>
    </UiProvider>
  );
}
