import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { createMailer, type MailOptions } from '../mail/mailer.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  answerParamsSchema,
  applyBodySchema,
  applyPreviewSchema,
  applyResultSchema,
  campaignActionBodySchema,
  campaignListQuerySchema,
  campaignListResponseSchema,
  campaignParamsSchema,
  campaignSchema,
  createCampaignBodySchema,
  remindersResultSchema,
  responseActionBodySchema,
  responseListResponseSchema,
  responseParamsSchema,
  responseSchema,
  responseSummarySchema,
  resultsQuerySchema,
  resultsSchema,
  saveAnswerBodySchema,
  savedAnswerSchema,
  templateListResponseSchema,
  templateQuerySchema,
  updateCampaignBodySchema,
} from './campaigns.schema.ts';
import * as service from './campaigns.service.ts';
import { campaignTemplates } from './campaigns.template.ts';
import { sendReminders } from './reminders.service.ts';
import * as responses from './responses.service.ts';
import { exportSheets, toCsv, toXlsx } from './results.export.ts';
import { exportSource, getResults, refuseSheet } from './results.service.ts';

const tags = ['campaigns'];

const readErrors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the campaign routes need besides the database: the SMTP server for reminders, when there is one. */
export interface CampaignRoutesOptions extends RouteContext {
  mail?: MailOptions;
}

export const campaignsRoutes: FastifyPluginAsyncZod<CampaignRoutesOptions> = async (
  app,
  { db, mail, publicUrl },
) => {
  const mailer = createMailer(mail);
  if (mailer) app.addHook('onClose', async () => mailer.close());

  app.get(
    '/api/campaigns/templates',
    {
      schema: {
        tags,
        summary: 'Campaign templates',
        description:
          'Ready forms to copy into a new campaign: "State of cooperation with <country>: current state, near-term ' +
          'plans, upcoming needs", in Finnish, Swedish and English, with the country named in each.',
        querystring: templateQuerySchema,
        response: { 200: templateListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => ({ items: campaignTemplates(request.query.countryCode) }),
  );

  app.get(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Campaigns',
        description:
          'Mapping surveys the reader may see: every campaign of the groups their organisations coordinate, and the ' +
          'open and closed ones of the groups they are current members of. Nothing for anonymous readers.',
        querystring: campaignListQuerySchema,
        response: { 200: campaignListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => service.listCampaigns(db, request.actor, request.query),
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'A campaign',
        description: 'Its form, dates and status: to its coordinators, and to its members once it is open.',
        params: campaignParamsSchema,
        response: { 200: campaignSchema, ...readErrorResponses },
      },
    },
    async (request) => service.getCampaign(db, request.actor, request.params.id),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Create a campaign',
        description:
          "For editors of the target's coordinators: a draft with its form (copy a template's and edit it). The " +
          "country defaults to the working group's.",
        body: createCampaignBodySchema,
        response: { 201: campaignSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCampaign(db, request.actor, request.body)),
  );

  registerRecordRoutes(
    app,
    db,
    {
      path: '/api/campaigns',
      tags,
      type: service.campaignRecord,
      params: campaignParamsSchema,
      record: campaignSchema,
      read: { summary: 'A campaign' },
      create: { summary: 'Create a campaign', body: createCampaignBodySchema, run: service.createCampaign },
      update: {
        summary: 'Change a campaign',
        description:
          "For editors of the target's coordinators. A draft may change anything but its target; once open, only " +
          'texts and dates (409 CONFLICT names each question whose keys, type, options, bounds or condition would change).',
        body: updateCampaignBodySchema,
        run: service.updateCampaign,
      },
      delete: { summary: 'Delete a campaign' },
      restore: { summary: 'Restore a deleted campaign' },
      history: { summary: "A campaign's history", errors: readErrorResponses },
    },
    ['write', 'history'],
  );

  const actions = [
    [
      'open',
      'open',
      'Open a campaign for answers',
      'From a draft or a closed campaign; from today, unless it opened earlier.',
    ],
    ['close', 'close', 'Close a campaign', 'No more answers or changes to responses.'],
    [
      'share-results',
      'share_results',
      'Share the results with the members',
      "Until then each member sees only its own response; afterwards every member sees everyone's submitted answers.",
    ],
  ] as const;
  for (const [path, action, summary, description] of actions) {
    app.post(
      `/api/campaigns/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          description: `For editors of the target's coordinators. ${description}`,
          params: campaignParamsSchema,
          body: campaignActionBodySchema,
          response: { 200: campaignSchema, ...writeErrorResponses },
        },
      },
      async (request) =>
        service.actOnCampaign(db, request.actor, request.params.id, action, request.body.version),
    );
  }

  app.get(
    '/api/campaigns/:id/responses',
    {
      schema: {
        tags,
        summary: "A campaign's responses",
        description:
          "Who has answered: to the coordinators every member of the target with its response's status, when it " +
          'was submitted and last reminded; to a member, its own only.',
        params: campaignParamsSchema,
        response: { 200: responseListResponseSchema, ...readErrorResponses },
      },
    },
    async (request) => responses.listResponses(db, request.actor, request.params.id),
  );

  app.get(
    '/api/campaigns/:id/responses/:organizationId',
    {
      schema: {
        tags,
        summary: "A member's response",
        description:
          "To the member's people as it stands, made as a draft when first opened while the campaign is open, " +
          "pre-filled from the member's answers to the previous round and, for registry tables, from its ties. To " +
          'the coordinators once submitted only; never to another member.',
        params: responseParamsSchema,
        response: { 200: responseSchema, ...readErrorResponses },
      },
    },
    async (request) =>
      responses.getResponse(db, request.actor, request.params.id, request.params.organizationId),
  );

  app.put(
    '/api/campaigns/:id/responses/:organizationId/answers/:questionKey',
    {
      schema: {
        tags,
        summary: 'Save an answer',
        description:
          "For the member's editors while the campaign is open and the response a draft: the answer in its question's " +
          "shape, with the answer's version last seen (0 for none). A save from an older version answers 409 " +
          'VERSION_CONFLICT with the current value and version; other answers save beside it.',
        params: answerParamsSchema,
        body: saveAnswerBodySchema,
        response: { 200: savedAnswerSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      responses.saveAnswer(
        db,
        request.actor,
        request.params.id,
        request.params.organizationId,
        request.params.questionKey,
        request.body,
      ),
  );

  app.post(
    '/api/campaigns/:id/responses/:organizationId/submit',
    {
      schema: {
        tags,
        summary: 'Submit a response',
        description:
          "For the member's editors: once every required question shown is answered (400 lists the missing ones). " +
          'The coordinators are notified.',
        params: responseParamsSchema,
        body: responseActionBodySchema,
        response: { 200: responseSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      responses.submitResponse(
        db,
        request.actor,
        request.params.id,
        request.params.organizationId,
        request.body.version,
      ),
  );

  app.post(
    '/api/campaigns/:id/responses/:organizationId/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen a submitted response',
        description:
          "For editors of the target's coordinators, while the campaign is open; the member's editors are notified.",
        params: responseParamsSchema,
        body: responseActionBodySchema,
        response: { 200: responseSummarySchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      responses.reopenResponse(
        db,
        request.actor,
        request.params.id,
        request.params.organizationId,
        request.body.version,
      ),
  );

  app.get(
    '/api/campaigns/:id/responses/:organizationId/apply-preview',
    {
      schema: {
        tags,
        summary: "What applying a response would change in the member's ties",
        description:
          "For the member's people: each registry-table row against the tie as the registry has it — a status or date " +
          'change, a confirmation, a new tie, or nothing — and any reason a row cannot be applied.',
        params: responseParamsSchema,
        response: { 200: applyPreviewSchema, ...readErrors },
      },
    },
    async (request) =>
      responses.applyPreview(db, request.actor, request.params.id, request.params.organizationId),
  );

  app.post(
    '/api/campaigns/:id/responses/:organizationId/apply',
    {
      schema: {
        tags,
        summary: "Apply a response's registry tables to the member's ties",
        description:
          "For the member's editors only, never a coordinator (403): the reviewed changes made as their own audited " +
          'edits of the ties, all in one transaction, against the response’s version. New ties are internal unless ' +
          'the body asks for published; each row that makes a tie names it from then on, so applying again makes none.',
        params: responseParamsSchema,
        body: applyBodySchema,
        response: { 200: applyResultSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      responses.applyResponse(
        db,
        request.actor,
        request.params.id,
        request.params.organizationId,
        request.body.version,
        request.body.visibility,
      ),
  );

  app.post(
    '/api/campaigns/:id/reminders',
    {
      schema: {
        tags,
        summary: 'Remind the members that have not submitted',
        description:
          "For editors of the target's coordinators, while the campaign is open: a notification in the app to the " +
          "people of every member that has not submitted, and, when SMTP is configured, an e-mail in each one's " +
          'language.',
        params: campaignParamsSchema,
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: { 200: remindersResultSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      sendReminders(db, request.actor, request.params.id, { mailer, publicUrl, log: request.log }),
  );

  app.get(
    '/api/campaigns/:id/results',
    {
      schema: {
        tags,
        summary: "A campaign's results",
        description:
          'The response rate and who is missing; per question the counts (choices, yes/no, scale points), number ' +
          "summaries, free text by member and the rows of groups and registry tables, with the previous round's " +
          'figures beside them; a row per member with its place for a map. For the coordinators; for the members once ' +
          'the results are shared.',
        params: campaignParamsSchema,
        response: { 200: resultsSchema, ...readErrors },
      },
    },
    async (request) => getResults(db, request.actor, request.params.id),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/campaigns/:id/results.${format}`,
      {
        schema: {
          tags,
          summary: format === 'csv' ? "A campaign's results as CSV" : "A campaign's results as XLSX",
          description:
            (format === 'csv'
              ? 'One row per member that submitted and one column per question (a group by its number of rows); ' +
                '`sheet` gives the rows of one repeatable group or registry table instead. UTF-8 with a byte order mark.'
              : 'A sheet with one row per member and one column per question, and a sheet of rows for each repeatable ' +
                'group and registry table.') +
            ' Choices and headers in `lang`. Who may read the results may download them.',
          params: campaignParamsSchema,
          querystring: resultsQuerySchema,
        },
      },
      async (request, reply) => {
        const { context, responses: submitted } = await exportSource(db, request.actor, request.params.id);
        const sheets = exportSheets(context.definition, submitted, request.query.lang);
        const name = `campaign-${context.row.id}-results`;
        reply.header('cache-control', 'private, no-store');
        if (format === 'xlsx') {
          if (request.query.sheet !== undefined) refuseSheet(request.query.sheet);
          const title = context.row.title[request.query.lang] ?? '';
          return reply
            .type(XLSX_TYPE)
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(await toXlsx(sheets, title));
        }
        const key = request.query.sheet;
        const sheet =
          key === undefined ? sheets[0]! : sheets.find((candidate) => candidate.questionKey === key);
        if (!sheet) refuseSheet(key!);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}${key ? `-${key}` : ''}.csv"`)
          .send(toCsv(sheet));
      },
    );
  }
};
