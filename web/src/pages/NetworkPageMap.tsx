import { lazy } from 'react';
import type { NetworkMember } from '../api/networks.ts';
import { LoadNearView } from '../map/LoadNearView.tsx';
import './NetworkPageMap.css';

const NetworkPageMapView = lazy(() => import('./NetworkPageMapView.tsx'));

/**
 * The map of a network's current members. Its code, and MapLibre with it, load only when the map is about to scroll
 * into view (as the event page's map of invitees does): the network's page paints without them.
 */
export function NetworkPageMap({ members, tableId }: { members: readonly NetworkMember[]; tableId: string }) {
  // As tall as the map will be, so that the page below does not move when it comes.
  return (
    <LoadNearView placeholderClassName="network-map-pending">
      <NetworkPageMapView members={members} tableId={tableId} />
    </LoadNearView>
  );
}
