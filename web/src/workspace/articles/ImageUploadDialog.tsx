import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_MEDIA_BYTES } from '../../../../src/contract.ts';
import { ARTICLE_IMAGE_TYPES, useUploadArticleImage } from '../../api/articles.ts';
import { ApiError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';

/** An image to put in the body: where the server keeps it, and what it shows. */
export interface InsertedImage {
  src: string;
  alt: string;
}

interface Problems {
  file?: string;
  alt?: string;
  /** Said at once, above the buttons. */
  form?: string;
}

/** Why the API refused an upload, in the user's language: on the file where it is about the file. */
export function uploadRefusal(t: WorkspaceT, failure: unknown): Problems {
  if (!(failure instanceof ApiError)) return { form: failureText(t, failure) };
  if (failure.status === 413 || failure.code === 'PAYLOAD_TOO_LARGE')
    return { file: t('articles.image.tooLarge'), form: t('articles.image.refused') };
  if (failure.status === 415 || failure.code === 'UNSUPPORTED_MEDIA_TYPE')
    return { file: t('articles.image.wrongType'), form: t('articles.image.refused') };
  if (failure.code === 'STORAGE_QUOTA_EXCEEDED') return { form: failureText(t, failure) };
  if (failure.status === 400 || failure.status === 422)
    // A file the server could not read as an image: its own words say what was wrong with it.
    return {
      file: t('articles.image.unreadable', { reason: failure.message }),
      form: t('articles.image.refused'),
    };
  return { form: failureText(t, failure) };
}

/** The file and its alternative text; the image goes in once the server has it. */
function UploadForm(props: {
  t: WorkspaceT;
  articleId: number;
  close: () => void;
  onInsert: (image: InsertedImage) => void;
}) {
  const { t } = props;
  const upload = useUploadArticleImage();
  const fileId = useId();
  const hintId = useId();
  const fileErrorId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [preview, setPreview] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A preview of the chosen image, to describe it by.
  useEffect(() => {
    if (!file || !(ARTICLE_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  /** Shows the problems, and takes the user to the first field that has one. */
  const report = (found: Problems) => {
    setProblems(found);
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The dialog is drawn elsewhere in the page but sits inside the article's form in React's tree: the submit
    // must not reach that form, which would save the article.
    event.stopPropagation();
    const found: Problems = {
      file: !file
        ? t('articles.image.noFile')
        : !(ARTICLE_IMAGE_TYPES as readonly string[]).includes(file.type)
          ? t('articles.image.wrongType')
          : file.size > MAX_MEDIA_BYTES
            ? t('articles.image.tooLarge')
            : undefined,
      alt: alt.trim() === '' ? t('articles.editor.altMissing') : undefined,
    };
    if (found.file || found.alt) {
      report({ ...found, form: t('articles.image.check') });
      return;
    }
    setProblems({});
    try {
      const image = await upload.mutateAsync({ articleId: props.articleId, file: file! });
      props.onInsert({ src: image.url, alt: alt.trim() });
      props.close();
    } catch (failure) {
      report(uploadRefusal(t, failure));
    }
  };

  return (
    <form ref={formRef} className="article-image-form" onSubmit={(event) => void submit(event)} noValidate>
      <div className="cb-file-field">
        <label htmlFor={fileId}>{t('articles.image.file')}</label>
        <input
          id={fileId}
          type="file"
          accept={ARTICLE_IMAGE_TYPES.join(',')}
          required
          aria-invalid={problems.file ? true : undefined}
          aria-describedby={problems.file ? `${hintId} ${fileErrorId}` : hintId}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to choose a file
          autoFocus
          onChange={(change) => {
            setFile(change.target.files?.[0] ?? null);
            setProblems((current) => ({ ...current, file: undefined, form: undefined }));
          }}
        />
        <p id={hintId} className="article-muted article-hint">
          {t('articles.image.fileHint', { size: MAX_MEDIA_BYTES / 1024 / 1024 })}
        </p>
        {problems.file && (
          <p id={fileErrorId} className="cb-field-error">
            {problems.file}
          </p>
        )}
      </div>
      {preview && <img className="article-image-preview" src={preview} alt={t('articles.image.preview')} />}
      <TextField
        label={t('articles.editor.altText')}
        description={t('articles.editor.altHint')}
        value={alt}
        onChange={setAlt}
        multiline
        isRequired
        isInvalid={!!problems.alt}
        validationBehavior="aria"
        errorMessage={problems.alt}
      />
      {problems.form && (
        <p role="alert" className="form-error">
          {problems.form}
        </p>
      )}
      <div className="cb-dialog-actions">
        <Button onPress={props.close}>{t('articles.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={upload.isPending}>
          {t('articles.image.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * "Insert image": a dialog that uploads a JPEG, PNG or WebP file with its alternative text and gives the image to
 * put in the body. An article not saved yet has nowhere to keep images: the dialog says to save it first.
 */
export function ImageUploadDialog(props: {
  t: WorkspaceT;
  articleId: number | undefined;
  isOpen: boolean;
  onClose: () => void;
  onInsert: (image: InsertedImage) => void;
}) {
  const { t, articleId } = props;
  return (
    <ModalDialog
      title={t('articles.image.title')}
      isOpen={props.isOpen}
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
      isDismissable={false}
      actions={
        articleId === undefined
          ? (close) => (
              <Button variant="primary" onPress={close} autoFocus>
                {t('articles.image.understood')}
              </Button>
            )
          : undefined
      }
    >
      {(close) =>
        articleId === undefined ? (
          <p>{t('articles.image.saveFirst')}</p>
        ) : (
          <UploadForm t={t} articleId={articleId} close={close} onInsert={props.onInsert} />
        )
      }
    </ModalDialog>
  );
}
