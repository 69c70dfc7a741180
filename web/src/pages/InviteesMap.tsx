import { lazy } from 'react';
import { LoadNearView } from '../map/LoadNearView.tsx';
import './InviteesMap.css';

const InviteesMapView = lazy(() => import('./InviteesMapView.tsx'));

/**
 * The map of an event's invitees by their answer. Its code, and MapLibre with it, load only when the map is about
 * to scroll into view: the event page paints without them, and a reader who never scrolls that far never loads them.
 */
export function InviteesMap({ eventId }: { eventId: number }) {
  // As tall as the map will be, so that the page below does not move when it comes.
  return (
    <LoadNearView placeholderClassName="invitees-map-pending">
      <InviteesMapView eventId={eventId} />
    </LoadNearView>
  );
}
