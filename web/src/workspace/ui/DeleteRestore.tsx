import type { Versioned } from '../../api/records.ts';
import { showToast } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton, failureText } from './failure.tsx';

/**
 * Deleting a record, or, once it is deleted, saying so and restoring it. A delete is confirmed by a toast whose
 * Undo restores the record at once.
 */
export function DeleteRestore(props: {
  t: WorkspaceT;
  deleted: boolean;
  /** Deletes the record and answers it as it is after (its new version). */
  onDelete: () => Promise<Versioned>;
  /** Restores the record: the version given is the deleted one when the toast's Undo restores it. */
  onRestore: (deleted?: Versioned) => Promise<unknown>;
}) {
  const { t } = props;
  const undo = (deleted: Versioned) => {
    props.onRestore(deleted).then(
      () => showToast({ title: t('toast.restored'), tone: 'success' }),
      (failure: unknown) => showToast({ title: failureText(t, failure), tone: 'danger' }),
    );
  };
  const remove = async () => {
    const deleted = await props.onDelete();
    showToast({
      title: t('toast.deleted'),
      action: { label: t('toast.undo'), onAction: () => undo(deleted) },
    });
  };
  return (
    <p>
      {props.deleted ? (
        <>
          <span>{t('tieActions.deleted')}</span>{' '}
          <ActionButton onClick={() => props.onRestore()}>{t('tieActions.restore')}</ActionButton>
        </>
      ) : (
        <ActionButton onClick={remove}>{t('tieActions.delete')}</ActionButton>
      )}
    </p>
  );
}
