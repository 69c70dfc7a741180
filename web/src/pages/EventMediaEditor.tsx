import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { DialogTrigger } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import {
  DOCUMENT_MEDIA_TYPES,
  type EventResponse,
  IMAGE_MEDIA_TYPES,
  MAX_MEDIA_BYTES,
} from '../../../src/contract.ts';
import { ApiError } from '../api/client.ts';
import { type EventMediaResponse, useRemoveEventMedia, useUploadEventMedia } from '../api/event-media.ts';
import { Button } from '../ui/Button.tsx';
import { ModalDialog } from '../ui/Dialog.tsx';
import { TextField } from '../ui/TextField.tsx';
import { useToast } from '../ui/toast.ts';
import './EventMediaEditor.css';

type Kind = 'image' | 'document';
type TFunction = ReturnType<typeof useTranslation>['t'];

/** What a chosen file is by its type: a photo, a document, or an error to show on the file field. */
function kindOf(file: File, t: TFunction): Kind | { error: string } {
  if ((IMAGE_MEDIA_TYPES as readonly string[]).includes(file.type)) return 'image';
  if ((DOCUMENT_MEDIA_TYPES as readonly string[]).includes(file.type)) return 'document';
  if (file.type === 'image/svg+xml') return { error: t('eventMedia.errors.svg') };
  return { error: t('eventMedia.errors.type') };
}

/** A language's name in the interface language: "ruotsi", "Swedish". */
function useLanguageName() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = new Intl.DisplayNames([i18n.language], { type: 'language', fallback: 'code' });
    return (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
  }, [i18n.language]);
}

/** A language's name as a label: "Suomi" rather than "suomi". */
const capitalized = (name: string) => name.charAt(0).toLocaleUpperCase() + name.slice(1);

/** Field errors by the API's field names (`alt.sv`, `file`), and one message for the whole form. */
interface Problems {
  fields: Record<string, string>;
  form?: string;
}

/** Why the API refused an upload, in the reader's language, on the fields it names. */
function refusal(failure: unknown, t: TFunction, languageName: (code: string) => string): Problems {
  if (!(failure instanceof ApiError))
    return { fields: {}, form: t('eventMedia.errors.refused', { status: '–' }) };
  if (failure.code === 'NETWORK_ERROR') return { fields: {}, form: t('eventMedia.errors.network') };
  const fields: Record<string, string> = {};
  for (const detail of failure.details) {
    const [, group, language] = /^(alt|title)\.(.+)$/.exec(detail.field) ?? [];
    if (group && language)
      fields[detail.field] = t(
        group === 'alt' ? 'eventMedia.errors.altMissing' : 'eventMedia.errors.titleMissing',
        {
          language: languageName(language),
        },
      );
    else if (detail.field === 'file')
      fields.file =
        failure.code === 'PAYLOAD_TOO_LARGE'
          ? t('eventMedia.errors.tooLarge')
          : failure.code === 'STORAGE_QUOTA_EXCEEDED'
            ? t('eventMedia.errors.quota')
            : failure.status === 415
              ? t('eventMedia.errors.notOfType')
              : t('eventMedia.errors.emptyFile');
  }
  const form =
    failure.status === 401 || failure.code === 'CSRF_FAILED'
      ? t('eventMedia.errors.signedOut')
      : failure.status === 403 || failure.status === 404
        ? t('eventMedia.errors.forbidden')
        : failure.code === 'STORAGE_QUOTA_EXCEEDED'
          ? t('eventMedia.errors.quota')
          : Object.keys(fields).length > 0
            ? t('eventMedia.errors.check')
            : t('eventMedia.errors.refused', { status: failure.status });
  return { fields, form };
}

/** The texts of one kind in each language, with the languages that must have one. */
function TextsFieldset({
  legend,
  description,
  languages,
  required,
  values,
  onChange,
  errors,
  group,
  multiline,
}: {
  legend: string;
  description: string;
  languages: string[];
  required: ReadonlySet<string>;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
  errors: Record<string, string>;
  group: string;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const languageName = useLanguageName();
  const descriptionId = useId();
  return (
    <fieldset className="event-media-fieldset" aria-describedby={descriptionId}>
      <legend>{legend}</legend>
      <p id={descriptionId} className="event-media-hint">
        {description}
      </p>
      {languages.map((language) => (
        <TextField
          key={language}
          label={
            required.has(language)
              ? capitalized(languageName(language))
              : t('eventMedia.optional', { language: capitalized(languageName(language)) })
          }
          lang={language}
          multiline={multiline}
          value={values[language] ?? ''}
          onChange={(value) => onChange({ ...values, [language]: value })}
          isRequired={required.has(language)}
          isInvalid={errors[`${group}.${language}`] !== undefined}
          errorMessage={errors[`${group}.${language}`]}
        />
      ))}
    </fieldset>
  );
}

/** The form: the file, then its texts; refused uploads say why on the fields concerned. */
function MediaForm({ event, close }: { event: EventResponse; close: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const languageName = useLanguageName();
  const upload = useUploadEventMedia();
  const fileId = useId();
  const fileHintId = useId();
  const fileErrorId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState<Record<string, string>>({});
  const [title, setTitle] = useState<Record<string, string>>({});
  const [caption, setCaption] = useState<Record<string, string>>({});
  const [credit, setCredit] = useState('');
  const [problems, setProblems] = useState<Problems>({ fields: {} });
  const [preview, setPreview] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  /** Shows the problems, and takes the reader to the first field that has one. */
  const report = (found: Problems) => {
    setProblems(found);
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  // The languages of the event's title must each have a text; the reader's own and fi, sv, en are offered too.
  const required = useMemo(
    () => new Set(Object.keys(event.title).filter((language) => event.title[language]?.trim())),
    [event.title],
  );
  const languages = useMemo(
    () => [...new Set([i18n.language, 'fi', 'sv', 'en', ...required])],
    [i18n.language, required],
  );
  const kind = file ? kindOf(file, t) : undefined;

  // A preview of the chosen photo, to describe it by.
  const isImage = kind === 'image';
  useEffect(() => {
    if (!file || !isImage) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file, isImage]);

  /** The problems the form can see before sending. */
  const check = (): Problems => {
    const fields: Record<string, string> = {};
    if (!file || !kind) fields.file = t('eventMedia.errors.noFile');
    else if (typeof kind === 'object') fields.file = kind.error;
    else if (file.size > MAX_MEDIA_BYTES) fields.file = t('eventMedia.errors.tooLarge');
    else
      for (const language of required) {
        const texts = kind === 'image' ? alt : title;
        if (!texts[language]?.trim())
          fields[`${kind === 'image' ? 'alt' : 'title'}.${language}`] = t(
            kind === 'image' ? 'eventMedia.errors.altMissing' : 'eventMedia.errors.titleMissing',
            { language: languageName(language) },
          );
      }
    return Object.keys(fields).length > 0 ? { fields, form: t('eventMedia.errors.check') } : { fields };
  };

  const submit = async (formEvent: FormEvent) => {
    formEvent.preventDefault();
    const found = check();
    report(found);
    if (found.form || !file || typeof kind !== 'string') return;
    try {
      const created = await upload.mutateAsync({
        eventId: event.id,
        file,
        alt: kind === 'image' ? alt : {},
        title: kind === 'document' ? title : {},
        caption,
        credit,
      });
      close();
      toast.show({ title: t('eventMedia.added', { name: created.fileName }), tone: 'success' });
    } catch (failure) {
      report(refusal(failure, t, languageName));
    }
  };

  const fileError = problems.fields.file;
  return (
    <form
      ref={formRef}
      className="event-media-form"
      onSubmit={(formEvent) => void submit(formEvent)}
      noValidate
    >
      <div className="cb-file-field">
        <label htmlFor={fileId}>{t('eventMedia.file')}</label>
        <input
          id={fileId}
          type="file"
          accept={[...IMAGE_MEDIA_TYPES, ...DOCUMENT_MEDIA_TYPES].join(',')}
          required
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${fileHintId} ${fileErrorId}` : fileHintId}
          // biome-ignore lint/a11y/noAutofocus: the dialog opens to choose a file
          autoFocus
          onChange={(change) => {
            setFile(change.target.files?.[0] ?? null);
            setProblems({ fields: {} });
          }}
        />
        <p id={fileHintId} className="event-media-hint">
          {t('eventMedia.fileHint')}
        </p>
        {fileError && (
          <p id={fileErrorId} className="cb-field-error">
            {fileError}
          </p>
        )}
      </div>
      {preview && <img className="event-media-preview" src={preview} alt={t('eventMedia.preview')} />}
      {kind === 'image' && (
        <TextsFieldset
          legend={t('eventMedia.alt')}
          description={t('eventMedia.altHint')}
          languages={languages}
          required={required}
          values={alt}
          onChange={setAlt}
          errors={problems.fields}
          group="alt"
          multiline
        />
      )}
      {kind === 'document' && (
        <TextsFieldset
          legend={t('eventMedia.title')}
          description={t('eventMedia.titleHint')}
          languages={languages}
          required={required}
          values={title}
          onChange={setTitle}
          errors={problems.fields}
          group="title"
        />
      )}
      {typeof kind === 'string' && (
        <>
          <TextsFieldset
            legend={t('eventMedia.caption')}
            description={t('eventMedia.captionHint')}
            languages={languages}
            required={new Set()}
            values={caption}
            onChange={setCaption}
            errors={problems.fields}
            group="caption"
          />
          <TextField
            label={t('eventMedia.credit')}
            description={t('eventMedia.creditHint')}
            value={credit}
            onChange={setCredit}
          />
        </>
      )}
      {problems.form && (
        <p role="alert" className="event-media-error">
          {problems.form}
        </p>
      )}
      <div className="cb-dialog-actions">
        <Button onPress={close}>{t('eventMedia.cancel')}</Button>
        <Button type="submit" variant="primary" isPending={upload.isPending}>
          {t('eventMedia.submit')}
        </Button>
      </div>
    </form>
  );
}

/** "Add photo or document": for the event's hosts' editors, a dialog with the form. */
export function AddEventMedia({ event }: { event: EventResponse }) {
  const { t } = useTranslation();
  return (
    <div className="event-media-add">
      <DialogTrigger>
        <Button variant="secondary">{t('eventMedia.add')}</Button>
        <ModalDialog title={t('eventMedia.addTitle')} isDismissable={false}>
          {(close) => <MediaForm event={event} close={close} />}
        </ModalDialog>
      </DialogTrigger>
    </div>
  );
}

/** Removing a photo or document, once confirmed; for the event's hosts' editors. */
export function RemoveEventMedia({
  eventId,
  media,
  name,
}: {
  eventId: number;
  media: EventMediaResponse;
  name: string;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const remove = useRemoveEventMedia();
  return (
    <DialogTrigger>
      <Button
        variant="quiet"
        size="s"
        className="event-media-remove"
        aria-label={t('eventMedia.removeNamed', { name })}
      >
        {t('eventMedia.remove')}
      </Button>
      <ModalDialog
        role="alertdialog"
        title={t(media.kind === 'image' ? 'eventMedia.removePhotoTitle' : 'eventMedia.removeDocumentTitle')}
        actions={(close) => (
          <>
            <Button onPress={close} autoFocus>
              {t('eventMedia.cancel')}
            </Button>
            <Button
              variant="danger"
              isPending={remove.isPending}
              onPress={async () => {
                try {
                  await remove.mutateAsync({ eventId, mediaId: media.id });
                  close();
                  toast.show({ title: t('eventMedia.removed', { name }), tone: 'success' });
                } catch (failure) {
                  close();
                  toast.show({
                    title: t('eventMedia.errors.removeFailed'),
                    description:
                      failure instanceof ApiError && failure.status === 0
                        ? t('eventMedia.errors.network')
                        : undefined,
                    tone: 'danger',
                  });
                }
              }}
            >
              {t('eventMedia.remove')}
            </Button>
          </>
        )}
      >
        <p>{t('eventMedia.removeText', { name })}</p>
      </ModalDialog>
    </DialogTrigger>
  );
}
