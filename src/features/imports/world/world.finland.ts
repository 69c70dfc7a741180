/**
 * Phase 4 of the reconciliation: the Finnish municipalities. Each adds its Finnish and Swedish names (Esbo,
 * Helsingfors, Åbo …) to the place of the plan it names, found by either name or by its municipality code in
 * GeoNames; a municipality that no tie named yet becomes a place of its own, at its GeoNames seat when it has one.
 */

import { normalizeName } from '../../../lib/normalize.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { PlanBuilder, PlannedPlace } from './world.plan.ts';
import type { FinnishMunicipality, SourceRow } from './world.reader.ts';

export function addFinnishMunicipalities(
  plan: PlanBuilder,
  rows: readonly SourceRow<FinnishMunicipality>[],
  gazetteer: Gazetteer,
): void {
  // Only the municipalities the plan already keeps, by any of their names, the first place to carry a name.
  const byNameCountry = new Map<string, PlannedPlace>();
  for (const place of plan.keptPlaces()) {
    if (place.kind !== 'municipality') continue;
    for (const { name } of place.names) {
      const nameKey = `${normalizeName(name)}|${place.country}`;
      if (!byNameCountry.has(nameKey)) byNameCountry.set(nameKey, place);
    }
  }
  for (const { line, values } of rows) {
    const { code, country, name_fi: fi, name_sv: sv } = values;
    if (!/^[0-9]{3}$/.test(code) || !/^[A-Z]{2}$/.test(country) || !fi?.trim() || !sv?.trim()) {
      plan.report.failRow({
        source: 'finnishMunicipalities',
        line,
        row: { ...values },
        reason: 'malformed row',
      });
      continue;
    }
    const fromGazetteer = gazetteer.byMunicipalityCode(code, country);
    const byCode = fromGazetteer
      .map((entry) => plan.placeOfGeonames(entry.geonamesId))
      .find((place) => place !== undefined && plan.isKept(place.key));
    let place =
      byNameCountry.get(`${normalizeName(fi)}|${country}`) ??
      byNameCountry.get(`${normalizeName(sv)}|${country}`) ??
      byCode;
    if (!place) {
      const seat = fromGazetteer.find((entry) => !plan.hasGeonames(entry.geonamesId));
      place = plan.newPlace(
        seat ? `G${seat.geonamesId}` : `M${country}-${code}`,
        'municipality',
        fi,
        country,
      );
      if (seat) {
        place.lat = seat.lat;
        place.lng = seat.lng;
        plan.attachGazetteer(place, seat);
      }
      plan.keep(place.key);
    }
    plan.addName(place, { name: fi, lang: 'fi', kind: 'official', source: 'finnishMunicipalities' });
    plan.addName(place, { name: sv, lang: 'sv', kind: 'official', source: 'finnishMunicipalities' });
    plan.addOrigin(place, {
      source: 'finnishMunicipalities',
      externalKey: `${country}-${code}`,
      raw: { line, ...values },
    });
    plan.report.resolveRow('finnishMunicipalities');
  }
}
