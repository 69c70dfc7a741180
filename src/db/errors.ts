/**
 * Errors that mean the database cannot be reached right now, rather than that the request was wrong: the server
 * ended the connection (a restart, a failover, pg_terminate_backend), refused it, or the connection broke.
 */

/** SQLSTATE classes and codes of a lost or refused connection. */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[1-4]|53300|3D000)$/;
/** Socket errors of a broken or refused connection. */
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

const LOST_CONNECTION = Symbol.for('citybridge.lostConnection');

/**
 * Marks an error as raised on a connection that had failed. node-postgres reports a query on such a connection
 * (often the ROLLBACK after the failure) with a plain Error that has no code; the client knows why.
 */
export function markLostConnection(error: unknown): void {
  if (error && typeof error === 'object') (error as Record<symbol, boolean>)[LOST_CONNECTION] = true;
}

/** Whether an error, or one of its causes, means the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    if ((current as Record<symbol, unknown>)[LOST_CONNECTION]) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
