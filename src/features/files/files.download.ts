import type { ReadStream } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A stored file as a download sends it. */
export interface StoredDownload {
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  stream: ReadStream;
  /** Shown in the page (an image) or saved (a document). */
  disposition: 'inline' | 'attachment';
}

/**
 * Sends a stored file under its name, never sniffed as another type, revalidated on each use (whether the reader
 * may see it can change: the record made internal), and answered 304 to an If-None-Match of its SHA-256.
 */
export function sendStoredFile(request: FastifyRequest, reply: FastifyReply, file: StoredDownload) {
  const etag = `"${file.sha256}"`;
  reply
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      `${file.disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'private, no-cache')
    .header('etag', etag);
  if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(etag)) {
    file.stream.destroy();
    return reply.code(304).send();
  }
  return reply.type(file.mediaType).header('content-length', file.size).send(file.stream);
}
