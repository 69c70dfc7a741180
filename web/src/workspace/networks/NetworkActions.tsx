import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { type NetworkRecord, useDeleteNetwork, useRestoreNetwork } from '../../api/networks.ts';
import { Button } from '../../ui/Button.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { showToast } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText, undoAction } from '../ui/failure.tsx';
import { NetworkForm } from './NetworkForm.tsx';
import { localText } from './network-names.ts';

/** Why deleting or restoring was refused, in the user's language. */
export function keepingRefusal(t: WorkspaceT, failure: unknown): string {
  if (failure instanceof ApiError) {
    if (failure.code === 'NETWORK_HAS_WORKING_GROUPS') return t('networks.deleteHasGroups');
    if (failure.code === 'NETWORK_HAS_OPEN_CAMPAIGNS') return t('networks.deleteHasCampaigns');
    if (failure.code === 'NETWORK_PARENT_DELETED') return t('networks.restoreParentDeleted');
    if (failure.code === 'CONFLICT') return t('networks.deletedMeanwhile');
  }
  return failureText(t, failure);
}

/** Asks before deleting; the toast that says it is deleted offers Undo, which restores it. */
function DeleteDialog(props: { t: WorkspaceT; network: NetworkRecord; name: string; onClose: () => void }) {
  const { t, network, name } = props;
  const remove = useDeleteNetwork();
  const restore = useRestoreNetwork();
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async () => {
    setFailure(null);
    try {
      const deleted = await remove.mutateAsync({ id: network.id, version: network.version });
      showToast({
        title: t('networks.deletedToast', { name }),
        tone: 'success',
        action: undoAction(
          t,
          () => restore.mutateAsync({ id: deleted.id, version: deleted.version }),
          t('networks.restoredToast', { name }),
        ),
      });
      props.onClose();
    } catch (caught) {
      setFailure(keepingRefusal(t, caught));
    }
  };
  return (
    <ModalDialog
      title={t('networks.deleteTitle', { name })}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && props.onClose()}
      actions={(close) => (
        <>
          <Button variant="quiet" onPress={close}>
            {t('tie.cancel')}
          </Button>
          <Button variant="danger" isPending={remove.isPending} onPress={() => void confirm()}>
            {t('networks.confirmDelete')}
          </Button>
        </>
      )}
    >
      <p>{t(network.kind === 'network' ? 'networks.deleteText' : 'networks.deleteGroupText')}</p>
      {failure && (
        <p role="alert" className="form-error">
          {failure}
        </p>
      )}
    </ModalDialog>
  );
}

/** Restoring a deleted network or working group; a refusal (its network is deleted) says why beside the button. */
function RestoreButton({ t, network, name }: { t: WorkspaceT; network: NetworkRecord; name: string }) {
  const restore = useRestoreNetwork();
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setFailure(null);
    try {
      await restore.mutateAsync({ id: network.id, version: network.version });
      showToast({ title: t('networks.restoredToast', { name }), tone: 'success' });
    } catch (caught) {
      setFailure(keepingRefusal(t, caught));
    }
  };
  return (
    <>
      <Button isPending={restore.isPending} onPress={() => void run()}>
        {t('networks.restore')}
      </Button>
      {failure && (
        <span role="alert" className="form-error">
          {failure}
        </span>
      )}
    </>
  );
}

/**
 * A network's or working group's own actions, beside its title: for its coordinators, changing its texts and
 * settings in a dialog; for whoever may, deleting it (after asking) and, once deleted, restoring it.
 */
export function NetworkActions({ t, network }: { t: WorkspaceT; network: NetworkRecord }) {
  const { i18n } = useTranslation();
  const mayKeep = !!network.viewer?.canDelete;
  const [open, setOpen] = useState<'edit' | 'delete' | null>(null);
  const name = localText(network.name, i18n.language) ?? network.shortName ?? '';
  const deleted = !!network.deletedAt;
  if (!network.canEdit && !mayKeep) return null;
  return (
    <div className="nw-actions">
      {deleted ? (
        mayKeep && <RestoreButton t={t} network={network} name={name} />
      ) : (
        <>
          {network.canEdit && (
            <Button variant="primary" onPress={() => setOpen('edit')}>
              {t('networks.edit')}
            </Button>
          )}
          {mayKeep && (
            <Button variant="danger" onPress={() => setOpen('delete')}>
              {t(network.kind === 'network' ? 'networks.deleteNetwork' : 'networks.deleteGroup')}
            </Button>
          )}
        </>
      )}
      {open === 'edit' && (
        <ModalDialog
          title={t(network.kind === 'network' ? 'networks.editNetwork' : 'networks.editGroup', { name })}
          isOpen
          isDismissable={false}
          onOpenChange={(isOpen) => !isOpen && setOpen(null)}
        >
          {(close) => (
            <NetworkForm
              t={t}
              network={network}
              canSetSecretariat={!!network.viewer?.canSetSecretariat}
              onSaved={close}
              onCancel={close}
            />
          )}
        </ModalDialog>
      )}
      {open === 'delete' && (
        <DeleteDialog t={t} network={network} name={name} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
