import { useId, useState } from 'react';
import type { PartnershipRecord } from '../../api/partnerships.ts';
import { useRemoveDocument, useUploadDocument } from '../../api/partnerships.workspace.ts';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { FormMessage, useFormErrors } from '../ui/form.tsx';

/** A tie's documents: downloading each, removing one, and attaching a file. */
export function DocumentsPanel({ tie, t }: { tie: PartnershipRecord; t: WorkspaceT }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadDocument();
  const remove = useRemoveDocument();
  const form = useFormErrors();

  const submit = form.submitWith(async () => {
    if (!file) return;
    await upload.mutateAsync({ id: tie.id, file });
    form.succeed(t('documents.uploaded'));
  });

  return (
    <section className="panel">
      <h2>{t('tie.documents')}</h2>
      {tie.documents.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul>
          {tie.documents.map((document) => (
            <li key={document.id}>
              <a href={document.url} aria-label={t('documents.download', { name: document.fileName })}>
                {document.fileName}
              </a>{' '}
              ({Math.ceil(document.size / 1024)} KB)
              {tie.canEdit && (
                <>
                  {' '}
                  <ActionButton onClick={() => remove.mutateAsync({ id: tie.id, documentId: document.id })}>
                    {t('documents.remove', { name: document.fileName })}
                  </ActionButton>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {tie.canEdit && !tie.deletedAt && (
        <form onSubmit={submit}>
          <div className="field">
            <label htmlFor={inputId}>{t('documents.upload')}</label>
            <input
              id={inputId}
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/webp"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <FormMessage message={form.message} />
          <button type="submit" disabled={!file}>
            {t('documents.uploadButton')}
          </button>
        </form>
      )}
    </section>
  );
}
