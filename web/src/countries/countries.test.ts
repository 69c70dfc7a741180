import { describe, expect, it } from 'vitest';
import { countCountryTies } from './countries.ts';

describe('countCountryTies', () => {
  it('counts a tie once for a country it stays in and once for each country it crosses into', () => {
    const network = {
      countries: ['FI', 'FI', 'CN', 'SE'],
      edgeA: Int32Array.from([0, 0, 1]),
      edgeB: Int32Array.from([1, 2, 3]),
      partnerCounts: Int32Array.from([2, 2, 1, 1]),
    };
    const byCode = Object.fromEntries(countCountryTies(network).map((country) => [country.code, country]));
    expect(byCode).toEqual({
      FI: { code: 'FI', ties: 3, places: 2 },
      CN: { code: 'CN', ties: 1, places: 1 },
      SE: { code: 'SE', ties: 1, places: 1 },
    });
  });
});
