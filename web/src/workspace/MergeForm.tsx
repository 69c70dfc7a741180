import { type FormEvent, useState } from 'react';
import { sendJson } from './api.ts';
import { Field, FormMessage, SelectField, useFormErrors } from './form.tsx';
import type { useWorkspaceTexts } from './texts.ts';

/** Merging a duplicate place or organisation into another, and undoing the merge. */
export function MergeForm({ t }: { t: ReturnType<typeof useWorkspaceTexts>['t'] }) {
  const [entity, setEntity] = useState('place');
  const [fromId, setFromId] = useState('');
  const [intoId, setIntoId] = useState('');
  const [mergeId, setMergeId] = useState<number | null>(null);
  const form = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const path = entity === 'place' ? 'places' : 'organizations';
      const merge = await sendJson<{ id: number }>('POST', `/api/${path}/${Number(fromId)}/merge`, {
        intoId: Number(intoId),
      });
      setMergeId(merge.id);
      form.clear();
      form.setMessage(t('merge.merged', { id: merge.id }));
    } catch (failure) {
      form.fail(failure);
    }
  };
  const undo = async () => {
    if (mergeId === null) return;
    try {
      await sendJson('POST', `/api/merges/${mergeId}/undo`);
      setMergeId(null);
      form.setMessage(t('merge.undone'));
    } catch (failure) {
      form.fail(failure);
    }
  };
  return (
    <form className="panel" onSubmit={(event) => void submit(event)} noValidate>
      <h2>{t('merge.title')}</h2>
      <SelectField
        label={t('merge.entity')}
        name="entity"
        value={entity}
        onChange={setEntity}
        options={[
          { value: 'place', label: t('merge.place') },
          { value: 'organization', label: t('merge.organization') },
        ]}
      />
      <Field label={t('merge.fromId')} name="fromId" value={fromId} onChange={setFromId} />
      <Field
        label={t('merge.intoId')}
        name="intoId"
        value={intoId}
        onChange={setIntoId}
        error={form.errors.intoId}
      />
      <FormMessage message={form.message} />
      <button type="submit" disabled={!fromId || !intoId}>
        {t('merge.submit')}
      </button>{' '}
      {mergeId !== null && (
        <button type="button" onClick={() => void undo()}>
          {t('merge.undo', { id: mergeId })}
        </button>
      )}
    </form>
  );
}
