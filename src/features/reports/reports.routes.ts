import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { organizationParamsSchema } from '../organizations/organizations.schema.ts';
import { partnershipParamsSchema } from '../partnerships/partnerships.schema.ts';
import { readErrorResponses } from '../records/records.routes.ts';
import { reportPdf } from './reports.pdf.ts';
import { impactReportSchema, reportQuerySchema } from './reports.schema.ts';
import * as service from './reports.service.ts';

const REPORT_DESCRIPTION =
  'Age and round anniversaries, the timeline of activities, events and outcomes, counts by year and kind, the ' +
  'outcomes’ values per currency, the companies and organisations involved, people met and open follow-ups: what ' +
  'the reader may read (activities, people and internal outcomes only for members of the organisations concerned).';

/** Impact reports of a tie and of an organisation, as JSON for the report page and as a PDF to print or send. */
export const reportsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  const subjects = [
    { path: '/api/partnerships/:id/report', tags: ['partnerships'], what: 'a tie', make: service.tieReport },
    {
      path: '/api/organizations/:id/report',
      tags: ['organizations'],
      what: 'an organisation',
      make: service.organizationReport,
    },
  ] as const;
  for (const subject of subjects) {
    const params = subject.path.startsWith('/api/partnerships')
      ? partnershipParamsSchema
      : organizationParamsSchema;
    app.get(
      subject.path,
      {
        schema: {
          tags: [...subject.tags],
          summary: `The impact report of ${subject.what}`,
          description: REPORT_DESCRIPTION,
          params,
          querystring: reportQuerySchema,
          response: { 200: impactReportSchema, ...readErrorResponses },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return subject.make(db, request.actor, request.params.id, request.query.lang);
      },
    );
    app.get(
      `${subject.path}.pdf`,
      {
        schema: {
          tags: [...subject.tags],
          summary: `The impact report of ${subject.what}, as a PDF`,
          description: `${REPORT_DESCRIPTION} A4, in the language asked for, with fonts for Nordic and CJK names.`,
          params,
          querystring: reportQuerySchema,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) => {
        const report = await subject.make(db, request.actor, request.params.id, request.query.lang);
        const name = `${report.subject.type === 'partnership' ? 'tie' : 'organisation'}-${report.subject.id}-report-${report.generatedOn}`;
        return reply
          .type('application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .send(await reportPdf(report));
      },
    );
  }
};
