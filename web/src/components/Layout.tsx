import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.ts';
import { ThemeSwitch } from '../ui/ThemeSwitch.tsx';
import { UiProvider } from '../ui/UiProvider.tsx';

const LANGUAGE_NAMES: Record<Language, string> = { fi: 'Suomi', sv: 'Svenska', en: 'English' };

/** Skip link, header with navigation, language and theme switches, the page, and the data attribution. */
export function Layout() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const shownPath = useRef(location.pathname);

  // Move focus to the new page's content on navigation (not on the first load), as a screen-reader user expects.
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.atlas')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/accessibility">{t('nav.accessibility')}</NavLink>
            </li>
            <li>
              <a href="/api/docs/">{t('nav.apiDocs')}</a>
            </li>
            <li>
              <NavLink to="/workspace">{t('nav.workspace')}</NavLink>
            </li>
          </ul>
        </nav>
        <fieldset className="language-switcher">
          <legend className="visually-hidden">{t('nav.language')}</legend>
          {LANGUAGES.map((language) => (
            <button
              key={language}
              type="button"
              lang={language}
              aria-pressed={i18n.language === language}
              onClick={() => void changeLanguage(language)}
            >
              {LANGUAGE_NAMES[language]}
            </button>
          ))}
        </fieldset>
        <ThemeSwitch />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <UiProvider>
          <Outlet />
        </UiProvider>
      </main>
      <footer className="site-footer">
        <p>{t('footer.attribution')}</p>
        <p>{t('footer.sourcesNote')}</p>
      </footer>
    </div>
  );
}
