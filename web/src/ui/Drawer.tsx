import type { ReactNode } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Button } from './Button.tsx';
import { CloseIcon } from './icons.tsx';
import './Drawer.css';

export interface DrawerProps {
  /** The drawer's title: its heading and its accessible name. */
  title: string;
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** The drawer's content, given `close` (a link chosen in it should close it). */
  children: (close: () => void) => ReactNode;
}

/**
 * A panel that slides in from the start edge over the page (navigation on a narrow screen). Like a modal dialog,
 * focus moves into it and stays there; Escape, a click outside or the close button closes it and focus returns.
 */
export function Drawer({ title, isOpen, onOpenChange, children }: DrawerProps) {
  const { t } = useTranslation();
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="cb-drawer-overlay">
      <Modal className="cb-drawer">
        <Dialog className="cb-drawer-dialog">
          {({ close }) => (
            <>
              <header className="cb-drawer-header">
                <Heading slot="title" className="cb-drawer-title">
                  {title}
                </Heading>
                <Button variant="quiet" size="s" onPress={close} aria-label={t('ui.close')}>
                  <CloseIcon />
                </Button>
              </header>
              <div className="cb-drawer-content">{children(close)}</div>
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
