import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventMediaResponse, EventResponse } from '../../../src/contract.ts';
import { useFormat } from '../format.ts';
import './EventMedia.css';
import { langOf, pickText } from './EventPage.localized.ts';

// The editing controls and what they need (the dialog, the form, the writes) load only for the hosts' editors.
const AddEventMedia = lazy(async () => ({ default: (await import('./EventMediaEditor.tsx')).AddEventMedia }));
const RemoveEventMedia = lazy(async () => ({
  default: (await import('./EventMediaEditor.tsx')).RemoveEventMedia,
}));

/** A file's kind as people name it: application/pdf is PDF. */
const fileKind = (mediaType: string) => (mediaType.split('/')[1] ?? mediaType).toUpperCase();

/** One photo: the image with its alt text in the reader's language, its caption and who took it. */
function Photo({
  photo,
  canEdit,
  eventId,
}: {
  photo: EventMediaResponse;
  canEdit: boolean;
  eventId: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const alt = pickText(photo.alt, language);
  const caption = pickText(photo.caption, language);
  return (
    <li className="event-photo">
      <figure>
        <img
          src={photo.url}
          alt={alt?.text ?? ''}
          lang={langOf(alt, language)}
          width={photo.width ?? undefined}
          height={photo.height ?? undefined}
          loading="lazy"
          decoding="async"
        />
        {(caption || photo.credit) && (
          <figcaption>
            {caption && <span lang={langOf(caption, language)}>{caption.text}</span>}
            {caption && photo.credit && ' '}
            {photo.credit && (
              <span className="event-photo-credit">
                {t('eventMedia.photoCredit', { credit: photo.credit })}
              </span>
            )}
          </figcaption>
        )}
      </figure>
      {canEdit && (
        <Suspense fallback={null}>
          <RemoveEventMedia eventId={eventId} media={photo} name={alt?.text ?? photo.fileName} />
        </Suspense>
      )}
    </li>
  );
}

/** One document: its title in the reader's language, a link to the file, its kind and size. */
function Document({
  document,
  canEdit,
  eventId,
}: {
  document: EventMediaResponse;
  canEdit: boolean;
  eventId: number;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = i18n.language;
  const title = pickText(document.title, language);
  const caption = pickText(document.caption, language);
  const name = title?.text ?? document.fileName;
  return (
    <li className="event-document">
      <a href={document.url} download={document.fileName} lang={langOf(title, language)}>
        {name}
      </a>{' '}
      <span className="event-document-meta">
        ({fileKind(document.mediaType)},{' '}
        {t('eventMedia.size', { size: format.number(Math.ceil(document.size / 1024)) })})
      </span>
      {caption && (
        <p className="event-document-caption" lang={langOf(caption, language)}>
          {caption.text}
        </p>
      )}
      {canEdit && (
        <Suspense fallback={null}>
          <RemoveEventMedia eventId={eventId} media={document} name={name} />
        </Suspense>
      )}
    </li>
  );
}

/**
 * An event's photos, as a gallery whose images keep their room while they load, and its documents as a list of
 * downloads; for the hosts' editors, the controls that add and remove them.
 */
export function EventMedia({ event }: { event: EventResponse }) {
  const { t } = useTranslation();
  const photos = event.media.filter((item) => item.kind === 'image');
  const documents = event.media.filter((item) => item.kind === 'document');
  if (event.media.length === 0 && !event.canEdit) return null;
  return (
    <section aria-labelledby="event-photos" className="event-media-files">
      <h2 id="event-photos">{t('eventMedia.heading')}</h2>
      {event.media.length === 0 && <p>{t('eventMedia.none')}</p>}
      {photos.length > 0 && (
        <ul className="event-gallery" aria-label={t('eventMedia.photos')}>
          {photos.map((photo) => (
            <Photo key={photo.id} photo={photo} canEdit={event.canEdit} eventId={event.id} />
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <>
          <h3>{t('eventMedia.documents')}</h3>
          <ul className="event-documents">
            {documents.map((document) => (
              <Document key={document.id} document={document} canEdit={event.canEdit} eventId={event.id} />
            ))}
          </ul>
        </>
      )}
      {event.canEdit && !event.deletedAt && (
        <Suspense fallback={null}>
          <AddEventMedia event={event} />
        </Suspense>
      )}
    </section>
  );
}
