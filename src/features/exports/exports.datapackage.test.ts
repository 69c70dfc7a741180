import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makePartnership, makePlace } from '../../../test/helpers/factories.ts';

/**
 * The Frictionless Data Package: a zip whose datapackage.json describes its CSVs, and whose CSVs keep to their own
 * table schemas by the Table Schema rules (types, missing values, required, unique, enum, pattern, minimum and
 * maximum, primary and foreign keys), checked here row by row.
 */

interface Field {
  name: string;
  type: string;
  constraints?: {
    required?: boolean;
    unique?: boolean;
    enum?: string[];
    pattern?: string;
    minimum?: number;
    maximum?: number;
  };
}
interface Resource {
  name: string;
  path: string;
  profile: string;
  schema: {
    fields: Field[];
    missingValues: string[];
    primaryKey: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo', lat: 60.21, lng: 24.66, population: 305_000 });
  const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.23, lng: 121.47 });
  const tokyo = await makePlace(db, { name: 'Tokyo', country: 'JP', lat: 35.68, lng: 139.69 });
  const sanFrancisco = await makePlace(db, {
    name: 'San Francisco',
    country: 'US',
    lat: 37.77,
    lng: -122.42,
  });
  await makePartnership(db, [espoo.id, shanghai.id], { kind: 'twin_town', startedOn: '1998-01-01' });
  await makePartnership(db, [tokyo.id, sanFrancisco.id], { kind: 'sister_city' });
});
afterAll(() => t.close());

/** The problems of one table against its schema, as the Table Schema specification defines them. */
function problems(resource: Resource, text: string, tables: Map<string, Record<string, string>[]>): string[] {
  const found: string[] = [];
  const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
  const header = text.split('\r\n')[0]!.split(',');
  if (header.join() !== resource.schema.fields.map((field) => field.name).join())
    found.push(`${resource.name}: header ${header.join()} is not the schema's fields`);
  const seen = new Map<string, Set<string>>();
  for (const [index, row] of rows.entries()) {
    for (const field of resource.schema.fields) {
      const raw = row[field.name] ?? '';
      const at = `${resource.name} row ${index + 2} ${field.name}`;
      const constraints = field.constraints ?? {};
      if (resource.schema.missingValues.includes(raw)) {
        if (constraints.required) found.push(`${at}: required but missing`);
        continue;
      }
      const typed =
        field.type === 'integer'
          ? /^-?\d+$/.test(raw)
          : field.type === 'number'
            ? Number.isFinite(Number(raw)) && raw.trim() === raw
            : field.type === 'date'
              ? /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
              : field.type === 'string';
      if (!typed) found.push(`${at}: "${raw}" is not a ${field.type}`);
      if (constraints.enum && !constraints.enum.includes(raw)) found.push(`${at}: "${raw}" not in enum`);
      if (constraints.pattern && !new RegExp(`^(?:${constraints.pattern})$`).test(raw))
        found.push(`${at}: "${raw}" does not match ${constraints.pattern}`);
      if (constraints.minimum !== undefined && Number(raw) < constraints.minimum)
        found.push(`${at}: below minimum`);
      if (constraints.maximum !== undefined && Number(raw) > constraints.maximum)
        found.push(`${at}: above maximum`);
      if (constraints.unique) {
        const values = seen.get(field.name) ?? new Set();
        if (values.has(raw)) found.push(`${at}: "${raw}" is not unique`);
        seen.set(field.name, values.add(raw));
      }
    }
  }
  for (const key of resource.schema.foreignKeys ?? []) {
    const target = new Set(
      (tables.get(key.reference.resource) ?? []).map((row) => row[key.reference.fields[0]!]),
    );
    for (const [index, row] of rows.entries()) {
      const value = row[key.fields[0]!] ?? '';
      if (value !== '' && !target.has(value))
        found.push(
          `${resource.name} row ${index + 2} ${key.fields[0]}: ${value} is no ${key.reference.resource} id`,
        );
    }
  }
  return found;
}

describe('the data package', () => {
  it('is a zip whose tables keep to their own schemas, with the sources’ licences', async () => {
    const answer = await t.app.inject({ url: '/api/exports/datapackage' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="citybridge-datapackage.zip"');
    const files = unzipSync(new Uint8Array(answer.rawPayload));
    expect(Object.keys(files).sort()).toEqual(['datapackage.json', 'places.csv', 'sources.csv', 'ties.csv']);
    const descriptor = JSON.parse(strFromU8(files['datapackage.json']!));
    expect(descriptor).toMatchObject({ profile: 'tabular-data-package', name: 'citybridge-ties' });
    expect(Array.isArray(descriptor.licenses)).toBe(true);
    const resources = descriptor.resources as Resource[];
    expect(resources.map((resource) => resource.name)).toEqual(['ties', 'places', 'sources']);
    const texts = new Map(resources.map((resource) => [resource.name, strFromU8(files[resource.path]!)]));
    const tables = new Map(
      [...texts].map(([name, text]) => [
        name,
        parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[],
      ]),
    );
    expect(tables.get('ties')).toHaveLength(2);
    expect(tables.get('places')).toHaveLength(4);
    for (const resource of resources) {
      expect(resource.profile).toBe('tabular-data-resource');
      expect(problems(resource, texts.get(resource.name)!, tables)).toEqual([]);
    }
  });

  it('finds what breaks a schema: the check above is not vacuous', () => {
    const resource: Resource = {
      name: 'ties',
      path: 'ties.csv',
      profile: 'tabular-data-resource',
      schema: {
        fields: [
          { name: 'id', type: 'integer', constraints: { required: true, unique: true } },
          { name: 'kind', type: 'string', constraints: { enum: ['twin_town'] } },
          { name: 'started_on', type: 'date' },
          { name: 'party_a_id', type: 'integer' },
        ],
        missingValues: [''],
        primaryKey: ['id'],
        foreignKeys: [{ fields: ['party_a_id'], reference: { resource: 'places', fields: ['id'] } }],
      },
    };
    const text = 'id,kind,started_on,party_a_id\r\n1,twin_town,1998-02-30x,7\r\n1,mou,,9\r\n,twin_town,,\r\n';
    const places = new Map([['places', [{ id: '7' }]]]);
    expect(problems(resource, text, places)).toEqual([
      'ties row 2 started_on: "1998-02-30x" is not a date',
      'ties row 3 id: "1" is not unique',
      'ties row 3 kind: "mou" not in enum',
      'ties row 4 id: required but missing',
      'ties row 3 party_a_id: 9 is no places id',
    ]);
  });
});
