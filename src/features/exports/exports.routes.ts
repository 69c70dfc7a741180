import { PassThrough, Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { exportQuerySchema } from './exports.schema.ts';
import {
  csvExport,
  EXPORT_FORMATS,
  type ExportFilter,
  exportLicence,
  geojsonExport,
} from './exports.service.ts';
import { writeXlsx } from './exports.xlsx.ts';

const tags = ['exports'];

const TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
} as const;

/** The workbook as a stream: exceljs writes into it as the ties are read; a failure ends the download. */
function xlsxStream(db: RouteContext['db'], filter: ExportFilter) {
  const output = new PassThrough();
  writeXlsx(db, filter, output).catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/** The public data as files that spreadsheets and GIS tools read, filtered as /api/partnerships is. */
export const exportsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
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
          'and sources with their licences) or `geojson` (RFC 7946: ties as ' +
          'great-circle lines, cut at the antimeridian, and their places as points, with the sources’ licences). ' +
          'The answer links its licence (`Link: </api/exports/licence>; rel="license"`).',
        params: z.strictObject({ format: z.enum(EXPORT_FORMATS) }),
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format } = request.params;
      const { dataset, ...filter } = request.query;
      const name = format === 'csv' ? `citybridge-${dataset}.csv` : `citybridge-ties.${format}`;
      const body =
        format === 'xlsx'
          ? xlsxStream(db, filter)
          : Readable.from(format === 'csv' ? csvExport(db, dataset, filter) : geojsonExport(db, filter));
      return reply
        .type(TYPES[format])
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('link', '</api/exports/licence>; rel="license"')
        .header('cache-control', 'public, max-age=300')
        .send(body);
    },
  );
};
