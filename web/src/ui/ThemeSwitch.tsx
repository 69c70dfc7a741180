import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { MonitorIcon, MoonIcon, SunIcon } from './icons.tsx';
import { setTheme, THEME_CHOICES, type ThemeChoice, useTheme } from './theme.ts';
import './ThemeSwitch.css';

const ICONS: Record<ThemeChoice, () => React.ReactElement> = {
  system: MonitorIcon,
  light: SunIcon,
  dark: MoonIcon,
};

/** Three buttons (the system's theme, light, dark) of which one is chosen; the choice is remembered. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const theme = useTheme();
  return (
    <ToggleButtonGroup
      aria-label={t('ui.theme.label')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[theme]}
      onSelectionChange={(keys) => {
        const [choice] = [...keys];
        if (choice === 'system' || choice === 'light' || choice === 'dark') setTheme(choice);
      }}
      className="cb-theme-switch"
    >
      {THEME_CHOICES.map((choice) => {
        const Icon = ICONS[choice];
        return (
          <ToggleButton
            key={choice}
            id={choice}
            // Its name, also shown on hover for pointer users (ThemeSwitch.css).
            aria-label={t(`ui.theme.${choice}`)}
            className="cb-theme-option"
          >
            <Icon />
          </ToggleButton>
        );
      })}
    </ToggleButtonGroup>
  );
}
