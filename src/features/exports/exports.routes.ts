import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { baseUrlOf } from '../auth/users.routes.ts';
import { writeDataPackage } from './exports.datapackage.ts';
import { exportQuerySchema } from './exports.schema.ts';
import {
  csvExport,
  EXPORT_FORMATS,
  exportLicence,
  geojsonExport,
  jsonLdExport,
  popoloExport,
} from './exports.service.ts';
import { writeXlsx } from './exports.xlsx.ts';

const tags = ['exports'];

const TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
  jsonld: 'application/ld+json',
  datapackage: 'application/zip',
  popolo: 'application/json',
} as const;

const FILE_NAMES = {
  xlsx: 'citybridge-ties.xlsx',
  geojson: 'citybridge-ties.geojson',
  jsonld: 'citybridge-ties.jsonld',
  popolo: 'citybridge-popolo.json',
  datapackage: 'citybridge-datapackage.zip',
} as const;

/** A file its writer fills as the ties are read (a workbook, a zip); a failure ends the download. */
function written(write: (output: PassThrough) => Promise<void>) {
  const output = new PassThrough();
  write(output).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/** The public data as files that spreadsheets and GIS tools read, filtered as /api/partnerships is. */
export const exportsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, publicUrl }) => {
  app.get(
    '/api/exports/licence',
    {
      schema: {
        tags,
        summary: 'The licence of the exported data',
        description: 'Each source of the data with its licence and the attribution it asks for.',
        response: {
          200: z.object({
            sources: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                url: z.string().nullable(),
                licence: z.string(),
                attribution: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ sources: (await exportLicence(db)).sources }),
  );

  app.get(
    '/api/exports/:format',
    {
      schema: {
        tags,
        summary: 'Download the public ties and places',
        description:
          'The published ties the filters select, streamed: `csv` (RFC 4180, UTF-8; `dataset=ties` or `places`; ' +
          'a cell a spreadsheet would run as a formula starts with a quote mark), `xlsx` (sheets of ties, places ' +
          'and sources with their licences), `datapackage` (a zip of the CSVs with a Frictionless Data Package ' +
          'descriptor: table schemas, licences and attribution), `jsonld` (ties and schema.org places) or ' +
          '`popolo` (the published organisations, people and their posts; the filters do not apply) or ' +
          '`geojson` (RFC 7946: ties as ' +
          'great-circle lines, cut at the antimeridian, and their places as points, with the sources’ licences). ' +
          'The answer links its licence (`Link: </api/exports/licence>; rel="license"`).',
        params: z.strictObject({ format: z.enum(EXPORT_FORMATS) }),
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format } = request.params;
      const { dataset, ...filter } = request.query;
      const name = format === 'csv' ? `citybridge-${dataset}.csv` : FILE_NAMES[format];
      const body =
        format === 'xlsx'
          ? written((output) => writeXlsx(db, filter, output))
          : format === 'datapackage'
            ? written((output) => writeDataPackage(db, filter, output))
            : Readable.from(
                format === 'csv'
                  ? csvExport(db, dataset, filter)
                  : format === 'jsonld'
                    ? jsonLdExport(db, filter, baseUrlOf(request, publicUrl))
                    : format === 'popolo'
                      ? popoloExport(db, baseUrlOf(request, publicUrl))
                      : geojsonExport(db, filter),
              );
      return reply
        .type(TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('link', '</api/exports/licence>; rel="license"')
        .header('cache-control', 'public, max-age=300')
        .send(body);
    },
  );
};
