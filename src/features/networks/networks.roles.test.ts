import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePlace } from '../../../test/helpers/factories.ts';
import { networkRoles } from './networks.roles.ts';
import { networkCoordinators, networkMembers, networks } from './networks.tables.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('networkRoles', () => {
  it('answers coordinators from the records and members from member organisations and governments of member places', async () => {
    const db = database.db;
    const espoo = await makePlace(db, { name: 'Espoo' });
    const vantaa = await makePlace(db, { name: 'Vantaa' });
    const turku = await makePlace(db, { name: 'Turku' });
    const cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
    const cityOfVantaa = await makeOrganization(db, { name: 'City of Vantaa', placeId: vantaa.id });
    const cityOfTurku = await makeOrganization(db, { name: 'City of Turku', placeId: turku.id });
    const espooCompany = await makeOrganization(db, { name: 'Espoo Oy', kind: 'company', placeId: espoo.id });
    const secretariat = await makeOrganization(db, { name: 'C21 secretariat', kind: 'network_secretariat' });
    const university = await makeOrganization(db, { name: 'University', kind: 'university' });
    const [c21] = await db
      .insert(networks)
      .values({ kind: 'network', name: { en: 'C21' }, secretariatId: secretariat.id })
      .returning();
    const [china] = await db
      .insert(networks)
      .values({ kind: 'working_group', parentId: c21!.id, name: { en: 'China working group' } })
      .returning();
    await db.insert(networkMembers).values([
      { networkId: china!.id, placeId: espoo.id },
      { networkId: china!.id, placeId: turku.id, leftOn: '2019-12-31' },
      { networkId: china!.id, organizationId: university.id },
      { networkId: c21!.id, placeId: vantaa.id },
    ]);
    await db.insert(networkCoordinators).values({ networkId: china!.id, organizationId: cityOfVantaa.id });

    const group = await networkRoles(db, china!.id);
    expect(group.coordinatorIds.sort()).toEqual([cityOfVantaa.id, secretariat.id].sort());
    // Espoo's government speaks for Espoo; its company does not; Turku has left.
    expect(group.memberIds.sort()).toEqual([cityOfEspoo.id, university.id].sort());
    expect(group.memberIds).not.toContain(espooCompany.id);
    expect(group.memberIds).not.toContain(cityOfTurku.id);

    const network = await networkRoles(db, c21!.id);
    expect(network).toEqual({ coordinatorIds: [secretariat.id], memberIds: [cityOfVantaa.id] });
    expect(await networkRoles(db, 999_999)).toEqual({ coordinatorIds: [], memberIds: [] });
  });
});
