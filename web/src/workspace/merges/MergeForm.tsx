import { useState } from 'react';
import { type MergeEntity, useMerge, useUndoMerge } from '../../api/merges.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton, undoAction } from '../ui/failure.tsx';
import { Field, FormMessage, SelectField, useForm } from '../ui/form.tsx';

/** Merging a duplicate place or organisation into another, and undoing the merge (from the form or its toast). */
export function MergeForm({ t }: { t: WorkspaceT }) {
  const merge = useMerge();
  const undo = useUndoMerge();
  const [mergeId, setMergeId] = useState<number | null>(null);
  const form = useForm({ entity: 'place' as MergeEntity, fromId: '', intoId: '' });
  const { entity, fromId, intoId } = form.values;

  const undoMerge = async (id: number) => {
    await undo.mutateAsync(id);
    setMergeId(null);
  };

  const submit = form.submitWith(async () => {
    const merged = await merge.mutateAsync({ entity, fromId: Number(fromId), intoId: Number(intoId) });
    setMergeId(merged.id);
    // The toast offers the undo too, for whoever has scrolled on.
    return {
      title: t('merge.merged', { id: merged.id }),
      tone: 'success' as const,
      action: undoAction(t, () => undoMerge(merged.id), t('merge.undone')),
    };
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
      <Button type="submit" variant="primary" isDisabled={!fromId || !intoId}>
        {t('merge.submit')}
      </Button>{' '}
      {mergeId !== null && (
        <ActionButton onPress={() => undoMerge(mergeId)} success={t('merge.undone')}>
          {t('merge.undo', { id: mergeId })}
        </ActionButton>
      )}
    </form>
  );
}
