import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { CloseIcon } from './icons.tsx';
import './Dialog.css';

export interface ModalDialogProps {
  /** The dialog's title: its heading and its accessible name. */
  title: string;
  children: ReactNode | ((close: () => void) => ReactNode);
  /** Buttons at the foot of the dialog (given `close`). */
  actions?: (close: () => void) => ReactNode;
  /** Closes on a click outside; off for dialogs that would lose typed input. */
  isDismissable?: boolean;
  /** alertdialog: a question that needs an answer (deleting something). */
  role?: 'dialog' | 'alertdialog';
  /** Controlled opening, when not opened by a DialogTrigger. */
  isOpen?: boolean;
  onOpenChange?: (isOpen: boolean) => void;
}

/**
 * A modal dialog with a title. Put it in a DialogTrigger after the button that opens it, or control it with
 * isOpen. Focus moves into it and stays there; Escape or the close button closes it and focus returns.
 */
export function ModalDialog({
  title,
  children,
  actions,
  isDismissable = true,
  role,
  ...state
}: ModalDialogProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay {...state} isDismissable={isDismissable} className="cb-modal-overlay">
      <Modal className="cb-modal">
        <Dialog role={role} className="cb-dialog">
          {({ close }) => (
            <>
              <header className="cb-dialog-header">
                <Heading slot="title" className="cb-dialog-title">
                  {title}
                </Heading>
                <Button variant="quiet" size="s" onPress={close} aria-label={t('ui.close')}>
                  <CloseIcon />
                </Button>
              </header>
              <div className="cb-dialog-content">
                {typeof children === 'function' ? children(close) : children}
              </div>
              {actions && <footer className="cb-dialog-actions">{actions(close)}</footer>}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
