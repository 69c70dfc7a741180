/**
 * An event's photos and documents: the event lists them (`media`); its hosts' editors add and remove them. Only the
 * editing controls use this module, so a reader's page loads none of it.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { EventMediaResponse } from '../../../src/contract.ts';
import { eventKeys } from './events.ts';
import { sendJson, uploadFile, useWrite } from './writes.ts';

export type { EventMediaResponse } from '../../../src/contract.ts';

/** What the form sends: the file, and its texts per language (empty ones are left out). */
export interface EventMediaUpload {
  eventId: number;
  file: File;
  /** An image's alternative text per language. */
  alt: Record<string, string>;
  /** A document's title per language. */
  title: Record<string, string>;
  caption: Record<string, string>;
  credit: string;
}

/** The form's fields as the API takes them, texts first: `alt.fi`, `title.en`, `caption.sv`, `credit`. */
export function mediaFormFields(upload: Omit<EventMediaUpload, 'eventId' | 'file'>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const group of ['alt', 'title', 'caption'] as const)
    for (const [language, text] of Object.entries(upload[group]))
      if (text.trim()) fields[`${group}.${language}`] = text.trim();
  if (upload.credit.trim()) fields.credit = upload.credit.trim();
  return fields;
}

/** After a photo or document is added or removed, the event (its list of them) is read again. */
const mediaChanged = (client: QueryClient, _result: unknown, { eventId }: { eventId: number }) =>
  client.invalidateQueries({ queryKey: eventKeys.detail(eventId) });

/** Adds a photo or document to an event, for its hosts' editors. */
export const useUploadEventMedia = () =>
  useWrite(
    ({ eventId, file, ...texts }: EventMediaUpload) =>
      uploadFile<EventMediaResponse>(`/api/events/${eventId}/media`, file, mediaFormFields(texts)),
    mediaChanged,
  );

/** Removes a photo or document from an event, for its hosts' editors. */
export const useRemoveEventMedia = () =>
  useWrite(
    ({ eventId, mediaId }: { eventId: number; mediaId: number }) =>
      sendJson('DELETE', `/api/events/${eventId}/media/${mediaId}`),
    mediaChanged,
  );
