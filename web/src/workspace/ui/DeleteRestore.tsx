import type { ReactNode } from 'react';
import type { Versioned } from '../../api/records.ts';
import type { ButtonSize } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton, undoAction } from './failure.tsx';

/**
 * Deletes a record (one the API can restore). The delete is confirmed by a toast whose Undo restores the record at
 * once; how the restore went is said by a toast of its own.
 */
export function DeleteButton(props: {
  t: WorkspaceT;
  /** Deletes the record and answers it as it is after (its new version). */
  onDelete: () => Promise<Versioned>;
  /** Restores the record, given the deleted version. */
  onRestore: (deleted: Versioned) => Promise<unknown>;
  /** The button's text when "Delete" alone would not say which record (a row of a table). */
  children?: ReactNode;
  size?: ButtonSize;
}) {
  const { t } = props;
  return (
    <ActionButton
      variant="danger"
      size={props.size}
      onPress={props.onDelete}
      success={(deleted) => ({
        title: t('toast.deleted'),
        action: undoAction(t, () => props.onRestore(deleted), t('toast.restored')),
      })}
    >
      {props.children ?? t('tieActions.delete')}
    </ActionButton>
  );
}

/** Deleting a record, or, once it is deleted, saying so (`deletedText`) and restoring it. */
export function DeleteRestore(props: {
  t: WorkspaceT;
  deleted: boolean;
  deletedText: string;
  /** Deletes the record and answers it as it is after (its new version). */
  onDelete: () => Promise<Versioned>;
  /** Restores the record: the version given is the deleted one when the toast's Undo restores it. */
  onRestore: (deleted?: Versioned) => Promise<unknown>;
}) {
  const { t } = props;
  return (
    <p>
      {props.deleted ? (
        <>
          <span>{props.deletedText}</span>{' '}
          <ActionButton onPress={() => props.onRestore()} success={t('toast.restored')}>
            {t('tieActions.restore')}
          </ActionButton>
        </>
      ) : (
        <DeleteButton t={t} onDelete={props.onDelete} onRestore={props.onRestore} />
      )}
    </p>
  );
}
