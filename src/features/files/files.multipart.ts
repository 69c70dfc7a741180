import { AppError } from '../../core/errors.ts';

/** Room for the boundaries, part headers and short form fields around a file in a multipart body. */
export const MULTIPART_ALLOWANCE = 1024 * 1024;

/**
 * A multipart parser's error is the client's: a cut-off or malformed body answers 400, a file over the parser's
 * size limit `tooLarge()`, never 500.
 */
export function multipartError(error: unknown, tooLarge: () => AppError): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_FILES_LIMIT') {
    return new AppError('VALIDATION_FAILED', 'Invalid request: the form has too many parts', [
      { field: 'body', message: 'has more parts than the form takes' },
    ]);
  }
  return new AppError(
    'VALIDATION_FAILED',
    'Invalid request: the body is not well-formed multipart/form-data',
    [{ field: 'body', message: error instanceof Error ? error.message : String(error) }],
  );
}

/** The items of a multipart iterator, its parser's errors answered as the client's. */
export async function* asClientErrors<T>(
  source: AsyncIterable<T>,
  tooLarge: () => AppError,
): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (error) {
    throw multipartError(error, tooLarge);
  }
}

/** A part of the form that does not belong there, named. */
export function unexpectedPart(name: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid request: ${name}`, [{ field: name, message }]);
}

/** A form that came without its file. */
export const missingFile = (): AppError =>
  new AppError('VALIDATION_FAILED', 'Invalid request: file', [{ field: 'file', message: 'is missing' }]);
