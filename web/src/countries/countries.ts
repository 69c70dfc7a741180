import type { Network } from '../api/network.ts';

/** A country with the number of ties its places are party to and the number of its places that have ties. */
export interface CountryTies {
  code: string;
  ties: number;
  places: number;
}

/**
 * Counts each country's ties and places with ties from the world network. A tie between two places of one country
 * counts once for it; a tie across a border counts for both countries.
 */
export function countCountryTies(
  network: Pick<Network, 'countries' | 'edgeA' | 'edgeB' | 'partnerCounts'>,
): CountryTies[] {
  const byCode = new Map<string, CountryTies>();
  const entry = (code: string) => {
    let found = byCode.get(code);
    if (!found) {
      found = { code, ties: 0, places: 0 };
      byCode.set(code, found);
    }
    return found;
  };
  for (let edge = 0; edge < network.edgeA.length; edge++) {
    const a = network.countries[network.edgeA[edge]!];
    const b = network.countries[network.edgeB[edge]!];
    if (a) entry(a).ties++;
    if (b && b !== a) entry(b).ties++;
  }
  for (let place = 0; place < network.countries.length; place++) {
    const code = network.countries[place];
    if (code && (network.partnerCounts[place] ?? 0) > 0) entry(code).places++;
  }
  return [...byCode.values()];
}
