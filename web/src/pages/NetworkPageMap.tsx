import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { NetworkMember } from '../api/networks.ts';
import './NetworkPageMap.css';

const NetworkPageMapView = lazy(() => import('./NetworkPageMapView.tsx'));

/**
 * The map of a network's current members. Its code, and MapLibre with it, load only when the map is about to scroll
 * into view (as the event page's map of invitees does): the network's page paints without them.
 */
export function NetworkPageMap({ members, tableId }: { members: readonly NetworkMember[]; tableId: string }) {
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
  const pending = <div ref={placeholder} className="network-map-pending" />;
  if (!wanted) return pending;
  return (
    <Suspense fallback={pending}>
      <NetworkPageMapView members={members} tableId={tableId} />
    </Suspense>
  );
}
