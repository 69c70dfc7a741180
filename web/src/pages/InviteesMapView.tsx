import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES } from '../../../src/contract.ts';
import { type InvitationItem, type InvitationStatus, useInvitations } from '../api/events.ts';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';
import MarkersMap, { type MapMarker, MarkerIcon, type MarkerLook } from '../map/MarkersMap.tsx';
import { inviteesCamera, markerStyle } from './InviteesMap.model.ts';
import './InviteesMapView.css';

/** Each answer's colour; its shape says the same without colour (InviteesMap.model.ts). */
const STATUS_COLORS: Record<InvitationStatus, string> = {
  invited: 'var(--cb-color-text-muted)',
  accepted: 'var(--cb-color-accent)',
  tentative: 'var(--cb-color-warning)',
  declined: 'var(--cb-color-danger)',
  attended: 'var(--cb-color-success)',
  no_show: 'var(--cb-map-selected)',
};

/** An answer's marker: its shape and its colour. */
const lookOf = (status: InvitationStatus): MarkerLook => {
  const { shape, kind, path } = markerStyle(status);
  return { shape, kind, path, color: STATUS_COLORS[status] };
};

/** An invitee's marker, with the invitation it stands for. */
interface InviteeMarker extends MapMarker {
  item: InvitationItem;
}

/** Where the link past the map leads: the note above the list of invitees. */
const NOTE_ID = 'invitees-list';

/**
 * The map of an event's invitees, each marked by its answer with a shape and a colour of its own, fitted to show all
 * of them, those who came on top where they overlap; a legend with the count of each answer; and a way past the map
 * to the list of invitees, which is its text alternative. Focusing, pointing at or clicking a marker shows the
 * invitee's name, country and answer.
 */
export default function InviteesMapView({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();
  const invitations = useInvitations(eventId);
  const data = invitations.data;

  const inviteeName = (item: InvitationItem) =>
    item.invitee.type === 'place' ? placeName(item.invitee.id, item.invitee.name) : item.invitee.name;
  const markerLabel = (item: InvitationItem) => {
    const status = t(`event.invitation.${item.status}`);
    const name = inviteeName(item);
    return item.invitee.country
      ? t('event.map.markerCountry', { name, country: format.country(item.invitee.country), status })
      : t('event.map.marker', { name, status });
  };

  if (!data || data.items.length === 0) return null;
  const markers: InviteeMarker[] = data.items.flatMap((item) => {
    const location = item.invitee.location;
    if (!location) return [];
    return [
      {
        key: String(item.id),
        lng: location.lng,
        lat: location.lat,
        label: markerLabel(item),
        look: lookOf(item.status),
        layer: markerStyle(item.status).layer,
        data: { 'data-status': item.status },
        item,
      },
    ];
  });
  const unplaced = data.items.length - markers.length;

  return (
    <MarkersMap
      name="invitees"
      testId="invitees-map"
      markers={markers}
      camera={inviteesCamera}
      legend={{
        title: t('event.map.legend'),
        entries: INVITATION_STATUSES.map((status) => ({
          key: status,
          label: t(`event.invitation.${status}`),
          count: data.summary.byStatus[status],
          look: lookOf(status),
          data: { 'data-status': status },
        })),
      }}
      note={
        <>
          {unplaced > 0 && `${t('event.map.unplaced', { count: unplaced })} `}
          {t('event.map.listBelow')}
        </>
      }
      noteId={NOTE_ID}
      skip={{ href: `#${NOTE_ID}`, label: t('event.map.skip') }}
      popup={({ item }) => (
        <>
          <strong>{inviteeName(item)}</strong>
          {item.invitee.country && (
            <span className="invitees-popup-country">{format.country(item.invitee.country)}</span>
          )}
          <span className="invitees-popup-status">
            <MarkerIcon look={lookOf(item.status)} />
            {t(`event.invitation.${item.status}`)}
          </span>
        </>
      )}
      texts={{
        label: t('event.map.label'),
        canvas: t('event.map.canvas'),
        loading: t('atlas.loading'),
        unavailable: t('event.map.unavailable'),
        zoomIn: t('event.map.zoomIn'),
        zoomOut: t('event.map.zoomOut'),
        ctrlScroll: t('event.map.ctrlScroll'),
        cmdScroll: t('event.map.cmdScroll'),
        twoFingers: t('event.map.twoFingers'),
      }}
    />
  );
}
