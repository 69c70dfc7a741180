import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from './failure.tsx';

/** Deleting a record, or, once it is deleted, saying so and restoring it. */
export function DeleteRestore(props: {
  t: WorkspaceT;
  deleted: boolean;
  onDelete: () => Promise<unknown>;
  onRestore: () => Promise<unknown>;
}) {
  const { t } = props;
  return (
    <p>
      {props.deleted ? (
        <>
          <span role="status">{t('tieActions.deleted')}</span>{' '}
          <ActionButton onClick={props.onRestore}>{t('tieActions.restore')}</ActionButton>
        </>
      ) : (
        <ActionButton onClick={props.onDelete}>{t('tieActions.delete')}</ActionButton>
      )}
    </p>
  );
}
