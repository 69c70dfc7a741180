import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { changeLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/index.ts';

/** The language buttons: one per language, the current one pressed. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
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
  );
}

/** The public pages' links, in the header on a wide screen and in the drawer on a narrow one. */
export function PublicLinks({ signedIn, onNavigate }: { signedIn: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <li>
        <NavLink to="/" end onClick={onNavigate}>
          {t('nav.atlas')}
        </NavLink>
      </li>
      <li>
        <NavLink to="/countries" onClick={onNavigate}>
          {t('nav.countries')}
        </NavLink>
      </li>
      <li>
        <NavLink to="/networks" onClick={onNavigate}>
          {t('networks.nav')}
        </NavLink>
      </li>
      <li>
        <NavLink to="/downloads" onClick={onNavigate}>
          {t('nav.downloads')}
        </NavLink>
      </li>
      <li className="site-nav-workspace">
        <NavLink to={signedIn ? '/workspace' : '/sign-in'} onClick={onNavigate}>
          {signedIn ? t('nav.workspace') : t('nav.signIn')}
        </NavLink>
      </li>
      <li className="site-nav-secondary">
        <NavLink to="/accessibility" onClick={onNavigate}>
          {t('nav.accessibility')}
        </NavLink>
      </li>
    </>
  );
}
