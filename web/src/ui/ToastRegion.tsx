import {
  Button as AriaButton,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { CloseIcon } from './icons.tsx';
import { toastQueue } from './toast.ts';
import './Toast.css';

/** The corner where toasts appear; F6 moves focus to it, and its timers pause while it has focus or the pointer. */
export default function ToastArea() {
  const { t } = useTranslation();
  return (
    <ToastRegion queue={toastQueue} className="cb-toast-region" aria-label={t('ui.notifications')}>
      {({ toast }) => (
        <Toast toast={toast} className="cb-toast" data-tone={toast.content.tone ?? 'neutral'}>
          <ToastContent className="cb-toast-content">
            <Text slot="title" className="cb-toast-title">
              {toast.content.title}
            </Text>
            {toast.content.description && (
              <Text slot="description" className="cb-toast-description">
                {toast.content.description}
              </Text>
            )}
          </ToastContent>
          {toast.content.action && (
            <Button
              size="s"
              onPress={() => {
                toast.content.action?.onAction();
                toastQueue.close(toast.key);
              }}
            >
              {toast.content.action.label}
            </Button>
          )}
          <AriaButton slot="close" className="cb-icon-button cb-toast-close" aria-label={t('ui.close')}>
            <CloseIcon />
          </AriaButton>
        </Toast>
      )}
    </ToastRegion>
  );
}
