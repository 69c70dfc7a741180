import type { Db } from '../../src/db/client.ts';
import { makeReaders } from './auth.ts';
import { makeOrganization, makePlace } from './factories.ts';

/**
 * The story's two cities with their city governments, and the readers of access tests: Espoo's editor and viewer
 * ("Espoo Editor", "Espoo Viewer"), Shanghai's editor ("Shanghai Editor") and an administrator ("Admin").
 */
export async function makeEspooAndShanghai(db: Db) {
  const espoo = await makePlace(db, { name: 'Espoo', country: 'FI' });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
  const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  const cityOfShanghai = await makeOrganization(db, { name: 'City of Shanghai', placeId: shanghai.id });
  const as = await makeReaders(
    db,
    { organizationId: cityOfEspoo.id, label: 'Espoo' },
    { organizationId: cityOfShanghai.id, label: 'Shanghai' },
  );
  return { espoo, shanghai, cityOfEspoo, cityOfShanghai, as };
}
