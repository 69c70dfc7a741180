/**
 * The page's entry runs as soon as it has loaded (an async module script), possibly before the document has been
 * parsed to the end or its stylesheets have come: what needs either waits here.
 */

/** Resolves once the whole document has been parsed (the body and #root are there). */
export function whenParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

/**
 * Resolves once the document has been parsed and its stylesheets have loaded or failed to, or `timeout` ms after it
 * was parsed: a stylesheet that failed before this looked has no sheet, and no event to wait for.
 */
export async function whenStyled(timeout: number): Promise<void> {
  await whenParsed();
  const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter(
    (link) => !link.sheet,
  );
  if (pending.length === 0) return;
  const loaded = Promise.all(
    pending.map(
      (link) =>
        new Promise<void>((resolve) => {
          link.addEventListener('load', () => resolve(), { once: true });
          link.addEventListener('error', () => resolve(), { once: true });
        }),
    ),
  );
  await Promise.race([loaded, new Promise<void>((resolve) => setTimeout(resolve, timeout))]);
}
