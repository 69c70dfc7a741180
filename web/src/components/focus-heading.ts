/**
 * Moves focus to the page's first-level heading once it is there (pages that load on demand render it a moment
 * later), else to the page's main element, so a screen reader announces the page that was navigated to. Answers
 * a function that stops waiting.
 */
export function focusPageHeading(main: HTMLElement, waitMs = 3000): () => void {
  const started = performance.now();
  let frame = 0;
  const attempt = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: false });
      return;
    }
    if (performance.now() - started > waitMs) {
      main.focus({ preventScroll: true });
      return;
    }
    frame = requestAnimationFrame(attempt);
  };
  attempt();
  return () => cancelAnimationFrame(frame);
}
