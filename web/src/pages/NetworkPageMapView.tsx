import { useTranslation } from 'react-i18next';
import type { NetworkMember } from '../api/networks.ts';
import { usePlaceName } from '../api/places.ts';
import { useFormat } from '../format.ts';
import MarkersMap, { type MapMarker, type MarkerLook } from '../map/MarkersMap.tsx';
import { inviteesCamera } from './InviteesMap.model.ts';
import './NetworkPageMapView.css';

/** A member's marker: a dot for a place, a square for an organisation, so that colour is never the only cue. */
const LOOKS: Record<NetworkMember['type'], MarkerLook> = {
  place: {
    shape: 'dot',
    kind: 'filled',
    path: 'M3.5 10a6.5 6.5 0 1 0 13 0a6.5 6.5 0 1 0 -13 0Z',
    color: 'var(--cb-color-accent)',
  },
  organization: { shape: 'square', kind: 'filled', path: 'M4 4H16V16H4Z', color: 'var(--cb-map-selected)' },
};

/** A member's marker, with the member it stands for. */
interface MemberMarker extends MapMarker {
  member: NetworkMember;
}

/**
 * The map of a network's current members, each a place (a dot) or an organisation (a square, where its place is),
 * fitted to show them all; a legend counting each; and a way past the map to the members' table, which is its text
 * alternative. Focusing, pointing at or clicking a marker shows the member's name, kind and country.
 */
export default function NetworkPageMapView({
  members,
  tableId,
}: {
  members: readonly NetworkMember[];
  tableId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const placeName = usePlaceName();

  const current = members.filter((member) => member.current);
  if (current.length === 0) return null;

  const memberName = (member: NetworkMember) =>
    member.placeId !== null ? placeName(member.placeId, member.name) : member.name;
  const markerLabel = (member: NetworkMember) => {
    const name = memberName(member);
    const type = t(`networks.memberType.${member.type}`);
    return member.country
      ? t('networks.map.markerCountry', { name, type, country: format.country(member.country) })
      : t('networks.map.marker', { name, type });
  };
  const markers: MemberMarker[] = current.flatMap((member) =>
    member.location
      ? [
          {
            key: String(member.id),
            lng: member.location.lng,
            lat: member.location.lat,
            label: markerLabel(member),
            look: LOOKS[member.type],
            member,
          },
        ]
      : [],
  );
  const counts = {
    place: current.filter((member) => member.type === 'place').length,
    organization: current.filter((member) => member.type === 'organization').length,
  };
  const unplaced = current.length - markers.length;

  return (
    <MarkersMap
      name="network"
      testId="network-map"
      markers={markers}
      camera={inviteesCamera}
      legend={{
        title: t('networks.map.legend'),
        entries: (['place', 'organization'] as const)
          .filter((type) => counts[type] > 0)
          .map((type) => ({
            key: type,
            label: t(`networks.map.${type}s`),
            count: counts[type],
            look: LOOKS[type],
          })),
      }}
      note={
        <>
          {unplaced > 0 && `${t('networks.map.unplaced', { count: unplaced })} `}
          {t('networks.map.listBelow')}
        </>
      }
      skip={{ href: `#${tableId}`, label: t('networks.map.skip') }}
      popup={({ member }) => (
        <>
          <strong>{memberName(member)}</strong>
          <span className="network-popup-detail">
            {t(`networks.memberType.${member.type}`)}
            {member.country && ` · ${format.country(member.country)}`}
          </span>
        </>
      )}
      texts={{
        label: t('networks.map.label'),
        canvas: t('networks.map.canvas'),
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
