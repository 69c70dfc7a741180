import { Readable, type Writable } from 'node:stream';
import type { DbOrTx } from '../../db/client.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { PLACE_KINDS } from '../places/places.tables.ts';
import { csvExport, type ExportFilter, exportLicence } from './exports.service.ts';

/**
 * A Frictionless Data Package: a zip of ties.csv, places.csv and sources.csv with a datapackage.json that describes
 * each table (its fields and types, keys, and how ties point at places) and names the licence and attribution of
 * every source. The CSVs are the CSV export's, each written as it is read.
 */

type Field = { name: string; type: string; description?: string; constraints?: Record<string, unknown> };

const required = { required: true };

const TIE_FIELDS: Field[] = [
  { name: 'id', type: 'integer', constraints: { required: true, unique: true } },
  { name: 'kind', type: 'string', constraints: { required: true, enum: [...PARTNERSHIP_KINDS] } },
  { name: 'status', type: 'string', constraints: { required: true, enum: [...PARTNERSHIP_STATUSES] } },
  { name: 'started_on', type: 'date', description: 'Empty when unknown' },
  { name: 'ended_on', type: 'date' },
  { name: 'party_a_id', type: 'integer', constraints: required },
  { name: 'party_a_name', type: 'string' },
  { name: 'party_a_country', type: 'string', constraints: { pattern: '[A-Z]{2}' } },
  { name: 'party_b_id', type: 'integer' },
  { name: 'party_b_name', type: 'string' },
  { name: 'party_b_country', type: 'string', constraints: { pattern: '[A-Z]{2}' } },
  { name: 'more_parties', type: 'string', description: 'Ids of further places, separated by spaces' },
  {
    name: 'sources',
    type: 'string',
    description: 'Keys of the sources that report the tie, separated by spaces',
  },
];

const PLACE_FIELDS: Field[] = [
  { name: 'id', type: 'integer', constraints: { required: true, unique: true } },
  { name: 'name', type: 'string', constraints: required },
  { name: 'kind', type: 'string', constraints: { required: true, enum: [...PLACE_KINDS] } },
  { name: 'country', type: 'string', constraints: { required: true, pattern: '[A-Z]{2}' } },
  { name: 'lat', type: 'number', constraints: { minimum: -90, maximum: 90 } },
  { name: 'lng', type: 'number', constraints: { minimum: -180, maximum: 180 } },
  { name: 'population', type: 'integer', constraints: { minimum: 0 } },
  { name: 'partner_count', type: 'integer', constraints: { required: true, minimum: 0 } },
];

const SOURCE_FIELDS: Field[] = [
  { name: 'key', type: 'string', constraints: { required: true, unique: true } },
  { name: 'name', type: 'string', constraints: required },
  { name: 'url', type: 'string', constraints: { pattern: 'https?://.*' } },
  { name: 'licence', type: 'string', constraints: required },
  { name: 'attribution', type: 'string', constraints: required },
];

const resource = (name: string, fields: Field[], extra: Record<string, unknown> = {}) => ({
  name,
  path: `${name}.csv`,
  profile: 'tabular-data-resource',
  format: 'csv',
  mediatype: 'text/csv',
  encoding: 'utf-8',
  dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
  schema: { fields, missingValues: [''], primaryKey: [fields[0]!.name], ...extra },
});

/** The package's descriptor: its tables, and the licence and attribution of each source of the data. */
export async function dataPackageDescriptor(db: DbOrTx, created = new Date()) {
  const { sources } = await exportLicence(db);
  const reference = (field: string) => ({
    fields: [field],
    reference: { resource: 'places', fields: ['id'] },
  });
  return {
    profile: 'tabular-data-package',
    name: 'citybridge-ties',
    title: 'CityBridge: twin towns, sister cities and other ties between places',
    created: created.toISOString(),
    licenses: sources.map((source) => ({ name: source.licence, title: `${source.name}: ${source.licence}` })),
    sources: sources.map((source) => ({
      title: source.name,
      ...(source.url ? { path: source.url } : {}),
      attribution: source.attribution,
    })),
    resources: [
      resource('ties', TIE_FIELDS, { foreignKeys: [reference('party_a_id'), reference('party_b_id')] }),
      resource('places', PLACE_FIELDS),
      resource('sources', SOURCE_FIELDS),
    ],
  };
}

/** The data package as a zip written to `output`; its tables are read from the database as they are zipped. */
export async function writeDataPackage(db: DbOrTx, filter: ExportFilter, output: Writable): Promise<void> {
  // Loaded on first use: archiver and its streams are large, and most processes never zip a package.
  const { default: archiver } = await import('archiver');
  const zip = archiver('zip', { zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    output.on('close', resolve).on('finish', resolve).on('error', reject);
    zip.on('error', reject);
  });
  zip.pipe(output);
  const { sources } = await exportLicence(db);
  zip.append(Readable.from(csvExport(db, 'ties', filter)), { name: 'ties.csv' });
  zip.append(Readable.from(csvExport(db, 'places', filter)), { name: 'places.csv' });
  const sourceRows = [
    SOURCE_FIELDS.map((field) => field.name).join(','),
    ...sources.map((source) =>
      [source.key, source.name, source.url ?? '', source.licence, source.attribution]
        .map((cell) => `"${cell.replaceAll('"', '""')}"`)
        .join(','),
    ),
  ];
  zip.append(`${sourceRows.join('\r\n')}\r\n`, { name: 'sources.csv' });
  zip.append(`${JSON.stringify(await dataPackageDescriptor(db), null, 2)}\n`, { name: 'datapackage.json' });
  await zip.finalize();
  await done;
}
