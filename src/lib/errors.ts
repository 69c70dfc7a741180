/** The innermost message of an error and its causes: the database's own words, not a wrapper's query dump. */
export function rootMessage(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    message = current.message;
    current = current.cause;
  }
  return message;
}
