import { useTranslation } from 'react-i18next';
import { LanguageSwitch, PublicLinks } from '../components/PublicNav.tsx';
import { Drawer } from '../ui/Drawer.tsx';
import { ThemeSwitch } from '../ui/ThemeSwitch.tsx';

/** The narrow screen's menu: the public pages, language and theme, in a drawer that keeps focus until closed. */
export default function NavigationDrawer(props: {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  signedIn: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Drawer title={t('app.name')} isOpen={props.isOpen} onOpenChange={props.onOpenChange}>
      {(close) => (
        <>
          <nav aria-label={t('nav.main')} className="drawer-nav">
            <ul>
              <PublicLinks signedIn={props.signedIn} onNavigate={close} />
            </ul>
          </nav>
          <LanguageSwitch />
          <ThemeSwitch />
        </>
      )}
    </Drawer>
  );
}
