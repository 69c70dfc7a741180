/** A point in WGS 84 degrees. */
export interface LngLat {
  lat: number;
  lng: number;
}

/**
 * The great circle between two points as `steps + 1` [lng, lat] positions, for a line on a Web Mercator map. The
 * longitudes run on without wrapping (beyond ±180 where the shorter way crosses the antimeridian), so that the line
 * takes the short way instead of crossing the whole map.
 */
export function greatCircle(from: LngLat, to: LngLat, steps = 48): [number, number][] {
  const rad = Math.PI / 180;
  const toVector = ({ lat, lng }: LngLat) => [
    Math.cos(lat * rad) * Math.cos(lng * rad),
    Math.cos(lat * rad) * Math.sin(lng * rad),
    Math.sin(lat * rad),
  ];
  const a = toVector(from);
  const b = toVector(to);
  const dot = Math.min(1, Math.max(-1, a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!));
  const angle = Math.acos(dot);
  const points: [number, number][] = [];
  let previous = from.lng;
  for (let step = 0; step <= steps; step += 1) {
    const f = step / steps;
    let lat: number;
    let lng: number;
    if (angle < 1e-9) {
      lat = from.lat;
      lng = from.lng;
    } else {
      const wa = Math.sin((1 - f) * angle) / Math.sin(angle);
      const wb = Math.sin(f * angle) / Math.sin(angle);
      const x = wa * a[0]! + wb * b[0]!;
      const y = wa * a[1]! + wb * b[1]!;
      const z = wa * a[2]! + wb * b[2]!;
      lat = Math.atan2(z, Math.hypot(x, y)) / rad;
      lng = Math.atan2(y, x) / rad;
    }
    // Unwrap: keep each longitude within 180° of the one before.
    while (lng - previous > 180) lng -= 360;
    while (lng - previous < -180) lng += 360;
    previous = lng;
    points.push([lng, lat]);
  }
  return points;
}

/**
 * A line whose longitudes run on past ±180 (as `greatCircle` draws it), cut where it crosses the antimeridian into
 * parts whose longitudes all lie within [-180, 180], as RFC 7946 (GeoJSON, section 3.1.9) asks. Each cut ends one
 * part on the meridian and starts the next on the other side of it, at the latitude where the line crosses.
 */
export function splitAtAntimeridian(line: readonly (readonly [number, number])[]): [number, number][][] {
  const parts: [number, number][][] = [];
  let part: [number, number][] = [];
  /** How many turns of 360° the position is off the [-180, 180] range. */
  const turnsOf = (lng: number) => Math.floor((lng + 180) / 360);
  let turns = line.length > 0 ? turnsOf(line[0]![0]) : 0;
  for (const [index, [lng, lat]] of line.entries()) {
    const here = turnsOf(lng);
    if (index > 0 && here !== turns) {
      const [previousLng, previousLat] = line[index - 1]!;
      // The meridian crossed, in the unwrapped longitudes: +180 going east, -180 going west, shifted by the turns.
      const boundary = here > turns ? 180 + turns * 360 : -180 + turns * 360;
      const f = (boundary - previousLng) / (lng - previousLng);
      const crossing = previousLat + f * (lat - previousLat);
      const edge = here > turns ? 180 : -180;
      part.push([edge, crossing]);
      parts.push(part);
      part = [[-edge, crossing]];
      turns = here;
    }
    part.push([lng - here * 360, lat]);
  }
  if (part.length > 0) parts.push(part);
  return parts.filter((piece) => piece.length >= 2);
}
