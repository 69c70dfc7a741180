import { describe, expect, it } from 'vitest';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, packNetwork } from '../../../src/contract.ts';
import { PlaceIndex } from '../map/place-index.ts';
import { decodeNetwork, edgeMatches, tieMatches } from './network.ts';

// Three places: Espoo (FI), Shanghai (CN), Tallinn (EE); ties Espoo–Shanghai (1998) and Espoo–Tallinn (MoU, unknown
// start), delta-encoded as the API sends them.
const network = decodeNetwork(
  packNetwork({
    places: {
      ids: [10, 20, 30],
      countries: ['FI', 'CN', 'EE'],
      coordinates: [24.66, 60.21, 121.47, 31.22, 24.75, 59.44],
      partnerCounts: [2, 1, 1],
    },
    edges: [0, 1, 0, 2],
    edgeKinds: [0, 3],
    edgeStatuses: [1, 1],
    edgeStartYears: [1998, 0],
    kinds: [...PARTNERSHIP_KINDS],
    statuses: [...PARTNERSHIP_STATUSES],
  }).buffer as ArrayBuffer,
);

describe('decodeNetwork', () => {
  it('decodes delta-encoded edges, kinds and statuses', () => {
    expect([...network.edgeA]).toEqual([0, 0]);
    expect([...network.edgeB]).toEqual([1, 2]);
    expect(network.edgeKind).toEqual(['twin_town', 'mou']);
    expect(network.indexById.get(30)).toBe(2);
    expect(network.countryCodes).toEqual(['CN', 'EE', 'FI']);
  });

  it('projects places to Web Mercator', () => {
    expect(network.mercatorX[0]).toBeCloseTo((24.66 + 180) / 360, 6);
    expect(network.mercatorY[0]).toBeGreaterThan(0.2);
    expect(network.mercatorY[0]).toBeLessThan(0.5);
  });
});

describe('filters', () => {
  it.each([
    [{}, [true, true]],
    [{ country: 'CN' }, [true, false]],
    [{ country: 'FI' }, [true, true]],
    [{ kind: 'mou' }, [false, true]],
    [{ status: 'ended' }, [false, false]],
    [{ decade: '1990' }, [true, false]],
    [{ decade: '2000' }, [false, false]],
    [{ decade: 'unknown' }, [false, true]],
  ])('%o keeps %o', (filters, expected) => {
    expect([0, 1].map((edge) => edgeMatches(network, edge, filters))).toEqual(expected);
  });

  it('applies the same rules to ties from the API', () => {
    const tie = { kind: 'twin_town', status: 'active', startedOn: '1998-05-12', countries: ['FI', 'CN'] };
    expect(tieMatches(tie, { decade: '1990', country: 'CN' })).toBe(true);
    expect(tieMatches(tie, { decade: 'unknown' })).toBe(false);
    expect(tieMatches({ ...tie, startedOn: null }, { decade: 'unknown' })).toBe(true);
  });
});

describe('PlaceIndex', () => {
  const index = new PlaceIndex(network, [0, 1, 2]);

  it('finds the place under the pointer, within its dot', () => {
    expect(index.hit(24.66, 60.21, 6)).toBe(0);
    expect(index.hit(24.75, 59.44, 6)).toBe(2);
    expect(index.hit(0, 0, 6)).toBeUndefined();
  });

  it('finds it on any copy of the world', () => {
    expect(index.hit(24.66 + 360, 60.21, 6)).toBe(0);
  });

  it('answers the dots for the WebGL layer: x, y and radius per place', () => {
    const vertices = index.vertices();
    expect(vertices).toHaveLength(9);
    expect(vertices[2]).toBeGreaterThan(vertices[5]!); // two ties make a bigger dot than one
  });
});
