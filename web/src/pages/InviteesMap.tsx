import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import './InviteesMap.css';

const InviteesMapView = lazy(() => import('./InviteesMapView.tsx'));

/**
 * The map of an event's invitees by their answer. Its code, and MapLibre with it, load only when the map is about
 * to scroll into view: the event page paints without them, and a reader who never scrolls that far never loads them.
 */
export function InviteesMap({ eventId }: { eventId: number }) {
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
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [wanted]);
  // As tall as the map will be, so that the page below does not move when it comes.
  const pending = <div ref={placeholder} className="invitees-map-pending" />;
  if (!wanted) return pending;
  return (
    <Suspense fallback={pending}>
      <InviteesMapView eventId={eventId} />
    </Suspense>
  );
}
