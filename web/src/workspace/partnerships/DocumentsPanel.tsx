import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnershipRecord } from '../../api/partnerships.ts';
import { useRemoveDocument, useUploadDocument } from '../../api/partnerships.workspace.ts';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ActionButton } from '../ui/failure.tsx';
import { FormMessage, useFormErrors } from '../ui/form.tsx';
import { actionsColumn, RecordTable } from '../ui/RecordTable.tsx';

type TieDocument = PartnershipRecord['documents'][number];

/** A file's kind as people name it: application/pdf is PDF, image/webp is WEBP. */
const fileKind = (mediaType: string) => (mediaType.split('/')[1] ?? mediaType).toUpperCase();

/** A tie's documents in a table (downloading each, removing one), and attaching a file. */
export function DocumentsPanel({ tie, t }: { tie: PartnershipRecord; t: WorkspaceT }) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const upload = useUploadDocument();
  const remove = useRemoveDocument();
  const form = useFormErrors();
  const { i18n } = useTranslation();
  const numbers = new Intl.NumberFormat(i18n.language);

  const columns: DataColumn<TieDocument>[] = [
    {
      id: 'name',
      header: t('documents.name'),
      value: (document) => document.fileName,
      cell: (document) => (
        <a href={document.url} aria-label={t('documents.download', { name: document.fileName })}>
          {document.fileName}
        </a>
      ),
      required: true,
    },
    {
      id: 'kind',
      header: t('documents.kind'),
      value: (document) => fileKind(document.mediaType),
      filter: choiceFilter([...new Set(tie.documents.map((document) => document.mediaType))], fileKind),
    },
    {
      id: 'size',
      header: t('documents.size'),
      value: (document) => Math.ceil(document.size / 1024),
      cell: (document) => `${numbers.format(Math.ceil(document.size / 1024))} KB`,
      numeric: true,
    },
    { id: 'added', header: t('documents.added'), value: (document) => document.createdAt.slice(0, 10) },
  ];
  if (tie.canEdit) {
    columns.push(
      actionsColumn(t, (document) => (
        <ActionButton
          size="s"
          variant="danger"
          onPress={() => remove.mutateAsync({ id: tie.id, documentId: document.id })}
          success={t('toast.documentRemoved', { name: document.fileName })}
        >
          {t('documents.remove', { name: document.fileName })}
        </ActionButton>
      )),
    );
  }

  const submit = form.submitWith(async () => {
    if (!file) return null;
    await upload.mutateAsync({ id: tie.id, file });
    return t('documents.uploaded');
  });

  return (
    <section className="panel">
      <h2>{t('tie.documents')}</h2>
      <RecordTable
        caption={t('tie.documents')}
        rows={tie.documents}
        columns={columns}
        urlPrefix="documents"
        fileName="citybridge-documents"
        defaultSort={[{ id: 'added', desc: true }]}
        empty={{ title: t('documents.none'), hint: tie.canEdit ? t('documents.noneHint') : undefined }}
      />
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
          <Button type="submit" variant="primary" isDisabled={!file}>
            {t('documents.uploadButton')}
          </Button>
        </form>
      )}
    </section>
  );
}
