import { type ReactNode, Suspense, useEffect, useRef, useState } from 'react';

/** How far beyond the view, above or below it, the placeholder may be when the content starts to load. */
const NEAR = '600px 0px';

/**
 * Renders `children` only once its placeholder is about to scroll into view, and the placeholder until then and
 * while the children's code loads (they are a `React.lazy` component, a small map that brings MapLibre): the page
 * paints without them, and a reader who never scrolls that far never loads them. The placeholder, named by
 * `placeholderClassName`, should be as tall as what comes, so that the page below does not move when it comes.
 */
export function LoadNearView({
  placeholderClassName,
  children,
}: {
  placeholderClassName: string;
  children: ReactNode;
}) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    const element = placeholder.current;
    if (wanted || !element) return;
    if (typeof IntersectionObserver === 'undefined') {
      setWanted(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setWanted(true);
      },
      { rootMargin: NEAR },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);
  const pending = <div ref={placeholder} className={placeholderClassName} />;
  if (!wanted) return pending;
  return <Suspense fallback={pending}>{children}</Suspense>;
}
