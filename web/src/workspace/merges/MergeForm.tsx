import { useState } from 'react';
import { type MergeEntity, useMerge, useUndoMerge } from '../../api/merges.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { Field, FormMessage, SelectField, useForm } from '../ui/form.tsx';

/** Merging a duplicate place or organisation into another, and undoing the merge. */
export function MergeForm({ t }: { t: WorkspaceT }) {
  const merge = useMerge();
  const undo = useUndoMerge();
  const [mergeId, setMergeId] = useState<number | null>(null);
  const form = useForm({ entity: 'place' as MergeEntity, fromId: '', intoId: '' });
  const { entity, fromId, intoId } = form.values;

  const submit = form.submitWith(async () => {
    const merged = await merge.mutateAsync({ entity, fromId: Number(fromId), intoId: Number(intoId) });
    setMergeId(merged.id);
    form.succeed(t('merge.merged', { id: merged.id }));
  });

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('merge.title')}</h2>
      <SelectField
        label={t('merge.entity')}
        options={[
          { value: 'place', label: t('merge.place') },
          { value: 'organization', label: t('merge.organization') },
        ]}
        {...form.field('entity')}
      />
      <Field label={t('merge.fromId')} {...form.field('fromId')} />
      <Field label={t('merge.intoId')} {...form.field('intoId')} />
      <FormMessage message={form.message} />
      <button type="submit" disabled={!fromId || !intoId}>
        {t('merge.submit')}
      </button>{' '}
      {mergeId !== null && (
        <ActionButton
          onClick={async () => {
            await undo.mutateAsync(mergeId);
            setMergeId(null);
            form.succeed(t('merge.undone'));
          }}
        >
          {t('merge.undo', { id: mergeId })}
        </ActionButton>
      )}
    </form>
  );
}
