import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { I18nProvider, RouterProvider } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { type NavigateOptions, useHref, useNavigate } from 'react-router';
import { toastQueue } from './toast.ts';

/** The locale the components format dates and numbers in, for each interface language. */
const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const ToastArea = lazy(() => import('./ToastRegion.tsx'));

/** Mounts the toast region once the first toast is shown, so pages that show none never load its code. */
function ToastHost() {
  const [needed, setNeeded] = useState(() => toastQueue.visibleToasts.length > 0);
  useEffect(
    () =>
      toastQueue.subscribe(() => {
        if (toastQueue.visibleToasts.length > 0) setNeeded(true);
      }),
    [],
  );
  return needed ? (
    <Suspense fallback={null}>
      <ToastArea />
    </Suspense>
  ) : null;
}

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

/**
 * What the design system's components need around them: the interface language's locale (dates, numbers, the
 * components' own words), the router (so a Link to a path navigates in the app), and the toast region.
 */
export function UiProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const { i18n } = useTranslation();
  return (
    <RouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <I18nProvider locale={LOCALES[i18n.language] ?? 'en-GB'}>
        {children}
        <ToastHost />
      </I18nProvider>
    </RouterProvider>
  );
}
