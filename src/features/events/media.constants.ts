/** The vocabularies of an event's photos and documents; plain constants shared with the web app. */

/** An image (a photo) or a document (a PDF). */
export const MEDIA_KINDS = ['image', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The image types a photo may be. SVG is not one: an SVG file can carry scripts. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** The document types an event keeps: those a tie's documents may be, images aside. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf'] as const;

/** Photos and documents up to 20 MB, as a tie's documents. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
