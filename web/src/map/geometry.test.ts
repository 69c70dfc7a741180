import { describe, expect, it } from 'vitest';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, packNetwork } from '../../../src/contract.ts';
import { decodeNetwork } from '../api/network.ts';
import { memberPlaces, placeBounds, selectedTies, tieVertices } from './geometry.ts';

// Espoo (FI), Shanghai (CN), Tallinn (EE), Honolulu (US); ties Espoo–Shanghai, Espoo–Tallinn (MoU) and
// Shanghai–Honolulu, which is shorter across the antimeridian.
const network = decodeNetwork(
  packNetwork({
    places: {
      ids: [10, 20, 30, 40],
      countries: ['FI', 'CN', 'EE', 'US'],
      coordinates: [24.66, 60.21, 121.47, 31.22, 24.75, 59.44, -157.86, 21.31],
      partnerCounts: [2, 2, 1, 1],
    },
    edges: [0, 1, 0, 2, 1, 2],
    edgeKinds: [0, 3, 0],
    edgeStatuses: [1, 1, 1],
    edgeStartYears: [1998, 0, 1980],
    kinds: [...PARTNERSHIP_KINDS],
    statuses: [...PARTNERSHIP_STATUSES],
  }).buffer as ArrayBuffer,
);

describe('the atlas geometry', () => {
  it('draws every tie that passes the filters, or only one place’s', () => {
    expect(tieVertices(network, {})).toHaveLength(12);
    expect(tieVertices(network, { kind: 'mou' })).toHaveLength(4);
    expect(tieVertices(network, {}, 30)).toHaveLength(4);
  });

  it('goes the short way round the antimeridian', () => {
    const [, , x] = tieVertices(network, { decade: '1980' });
    expect(x).toBeGreaterThan(1);
  });

  it('highlights a place’s ties from the place outwards', () => {
    const { ties, place } = selectedTies(network, {}, 10);
    expect(ties).toHaveLength(8);
    expect([ties[0], ties[1]]).toEqual(place);
    expect(place).toEqual([network.mercatorX[0], network.mercatorY[0]]);
    expect([ties[2], ties[3]]).toEqual([network.mercatorX[1], network.mercatorY[1]]);
    expect([ties[6], ties[7]]).toEqual([network.mercatorX[2], network.mercatorY[2]]);
    expect(selectedTies(network, {}, 99)).toEqual({ ties: new Float32Array(0) });
  });

  it('keeps a place and its partners on its own map', () => {
    expect(memberPlaces(network, 30).sort()).toEqual([0, 2]);
    expect(memberPlaces(network)).toEqual([0, 1, 2, 3]);
  });

  it('fits a place and its partners, across the antimeridian when shorter', () => {
    expect(placeBounds(network, 10)).toEqual([
      [24.66, 31.22],
      [121.47, 60.21],
    ]);
    expect(placeBounds(network, 20)?.[1][0]).toBeCloseTo(360 - 157.86, 6);
    expect(placeBounds(network, 99)).toBeUndefined();
  });
});
