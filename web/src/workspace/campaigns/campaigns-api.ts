/**
 * Campaigns (mapping surveys) as the web app reads and writes them: the list, a campaign and its templates, the
 * members' responses with their answers saved one by one, applying a response to the member's ties, reminders and
 * the results.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type {
  ApplyPreview,
  ApplyResult,
  CampaignListResponse,
  CampaignResponse,
  CampaignResults,
  CampaignTemplate,
  CreateCampaignBody,
  NetworkListResponse,
  RemindersResult,
  ResponseDetail,
  ResponseListResponse,
  ResponseSummary,
  SavedAnswer,
  UpdateCampaignBody,
} from '../../../../src/contract.ts';
import { getJson, request } from '../../api/client.ts';
import { sendJson, useWrite } from '../../api/writes.ts';

export type {
  AnswerResponse,
  ApplyPreview,
  CampaignDefinition,
  CampaignField,
  CampaignListItem,
  CampaignQuestion,
  CampaignResponse,
  CampaignResults,
  CampaignSection,
  CampaignShowIf,
  CampaignTemplate,
  NetworkListItem,
  QuestionResult,
  RegistryRow,
  ResponseDetail,
  ResponseSummary,
} from '../../../../src/contract.ts';
export {
  CAMPAIGN_STATUSES,
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  QUESTION_TYPES,
} from '../../../../src/contract.ts';

/** Which campaigns to list: those of one network or working group, of one status. */
export interface CampaignsQuery {
  networkId?: number;
  status?: 'draft' | 'open' | 'closed';
}

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (query: CampaignsQuery) => ['campaigns', 'list', query] as const,
  templates: (countryCode: string) => ['campaigns', 'templates', countryCode] as const,
  /** Everything about one campaign: a write to it reads all of it again. */
  campaign: (id: number) => ['campaigns', 'campaign', id] as const,
  detail: (id: number) => ['campaigns', 'campaign', id, 'detail'] as const,
  responses: (id: number) => ['campaigns', 'campaign', id, 'responses'] as const,
  response: (id: number, organizationId: number) =>
    ['campaigns', 'campaign', id, 'response', organizationId] as const,
  applyPreview: (id: number, organizationId: number) =>
    ['campaigns', 'campaign', id, 'apply-preview', organizationId] as const,
  results: (id: number) => ['campaigns', 'campaign', id, 'results'] as const,
  networks: (organizationId: number | undefined) => ['campaigns', 'networks', organizationId] as const,
};

const path = (id: number) => `/api/campaigns/${id}`;
const responsePath = (id: number, organizationId: number) => `${path(id)}/responses/${organizationId}`;

/** The campaigns the reader may see, newest round first; of one network or working group with networkId. */
export const useCampaigns = (query: CampaignsQuery) =>
  useQuery({
    queryKey: campaignKeys.list(query),
    queryFn: ({ signal }) => getJson<CampaignListResponse>('/api/campaigns', { ...query }, signal),
  });

/** A campaign with its form, to its coordinators and, once open, to its members. */
export const useCampaign = (id: number | undefined) =>
  useQuery({
    queryKey: campaignKeys.detail(id ?? 0),
    queryFn: ({ signal }) => getJson<CampaignResponse>(path(id!), undefined, signal),
    enabled: id !== undefined,
  });

/** The ready forms, their texts naming the country. */
export const useTemplates = (countryCode: string, enabled = true) =>
  useQuery({
    queryKey: campaignKeys.templates(countryCode),
    queryFn: ({ signal }) =>
      getJson<{ items: CampaignTemplate[] }>('/api/campaigns/templates', { countryCode }, signal),
    enabled: enabled && /^[A-Z]{2}$/.test(countryCode),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The networks and working groups an organisation belongs to or coordinates, each saying which. */
export const useOrganizationNetworks = (organizationId: number | undefined) =>
  useQuery({
    queryKey: campaignKeys.networks(organizationId),
    queryFn: ({ signal }) =>
      getJson<NetworkListResponse>('/api/networks', { organizationId, limit: 500 }, signal),
    enabled: organizationId !== undefined,
  });

/** Who has answered: every member for the coordinators, one's own organisations for a member. */
export const useResponses = (id: number, enabled = true) =>
  useQuery({
    queryKey: campaignKeys.responses(id),
    queryFn: ({ signal }) => getJson<ResponseListResponse>(`${path(id)}/responses`, undefined, signal),
    enabled,
  });

/** A member's response with its answers (made as a pre-filled draft when its people first open it). */
export const responseQuery = (id: number, organizationId: number) => ({
  queryKey: campaignKeys.response(id, organizationId),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    getJson<ResponseDetail>(responsePath(id, organizationId), undefined, signal),
});

export const useResponse = (id: number, organizationId: number | undefined, enabled = true) =>
  useQuery({
    ...responseQuery(id, organizationId ?? 0),
    enabled: enabled && organizationId !== undefined,
  });

/** What applying a response's registry tables would change in the member's ties. */
export const useApplyPreview = (id: number, organizationId: number, enabled: boolean) =>
  useQuery({
    queryKey: campaignKeys.applyPreview(id, organizationId),
    queryFn: ({ signal }) =>
      getJson<ApplyPreview>(`${responsePath(id, organizationId)}/apply-preview`, undefined, signal),
    enabled,
  });

/** The combined picture, for the coordinators, and for the members once shared. */
export const useResults = (id: number, enabled = true) =>
  useQuery({
    queryKey: campaignKeys.results(id),
    queryFn: ({ signal }) => getJson<CampaignResults>(`${path(id)}/results`, undefined, signal),
    enabled,
  });

/** The addresses of the results' files, headers and choices in `lang`. */
export const resultsFile = (id: number, format: 'csv' | 'xlsx', lang: string) =>
  `${path(id)}/results.${format}?lang=${encodeURIComponent(lang)}`;

/** A write to a campaign: read it, its list and everything about it again. */
const campaignChanged = (client: QueryClient, campaign: { id: number }) =>
  Promise.all([
    client.invalidateQueries({ queryKey: campaignKeys.campaign(campaign.id) }),
    client.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] }),
  ]);

export const useCreateCampaign = () =>
  useWrite(
    (body: CreateCampaignBody) => sendJson<CampaignResponse>('POST', '/api/campaigns', body),
    (client, campaign) => {
      client.setQueryData(campaignKeys.detail(campaign.id), campaign);
      return client.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] });
    },
  );

/** Changes a campaign against the version read; a stale one answers 409 with the campaign as it is. */
export const useUpdateCampaign = () =>
  useWrite(
    ({ id, ...body }: UpdateCampaignBody & { id: number }) =>
      sendJson<CampaignResponse>('PATCH', path(id), body),
    (client, campaign) => {
      client.setQueryData(campaignKeys.detail(campaign.id), campaign);
      return client.invalidateQueries({ queryKey: [...campaignKeys.all, 'list'] });
    },
  );

export type CampaignAction = 'open' | 'close' | 'share-results';

/** Opens, closes or shares the results of a campaign, against the version read. */
export const useCampaignAction = () =>
  useWrite(
    ({ id, action, version }: { id: number; action: CampaignAction; version: number }) =>
      sendJson<CampaignResponse>('POST', `${path(id)}/${action}`, { version }),
    campaignChanged,
  );

export const useDeleteCampaign = () =>
  useWrite(
    ({ id, version }: { id: number; version: number }) =>
      sendJson<CampaignResponse>('DELETE', `${path(id)}?version=${version}`),
    campaignChanged,
  );

export const useRestoreCampaign = () =>
  useWrite(
    ({ id, version }: { id: number; version: number }) =>
      sendJson<CampaignResponse>('POST', `${path(id)}/restore`, { version }),
    campaignChanged,
  );

/**
 * Saves one answer against the answer's version last seen (0 for none). `keepalive` lets the request outlive the
 * page (a save as the tab closes); it carries the session's CSRF token itself, as such a request cannot wait to ask
 * for one.
 */
export function saveAnswer(
  target: { campaignId: number; organizationId: number; questionKey: string },
  body: { value: unknown; version: number },
  options: { csrfToken: string | null; keepalive?: boolean },
): Promise<SavedAnswer> {
  return request<SavedAnswer>(
    `${responsePath(target.campaignId, target.organizationId)}/answers/${target.questionKey}`,
    {
      method: 'PUT',
      keepalive: options.keepalive,
      headers: {
        'content-type': 'application/json',
        ...(options.csrfToken ? { 'x-csrf-token': options.csrfToken } : {}),
      },
      body: JSON.stringify(body),
    },
  );
}

interface ResponseTarget {
  id: number;
  organizationId: number;
  version: number;
}

/** A response's status changed: read it, the list of responses, the results and the apply preview again. */
const responseChanged = (client: QueryClient, _result: unknown, variables: { id: number }) =>
  client.invalidateQueries({ queryKey: campaignKeys.campaign(variables.id) });

/** Submits a response; a refusal lists the required questions left unanswered (details `answers.<key>`). */
export const useSubmitResponse = () =>
  useWrite(
    ({ id, organizationId, version }: ResponseTarget) =>
      sendJson<ResponseDetail>('POST', `${responsePath(id, organizationId)}/submit`, { version }),
    responseChanged,
  );

/** Reopens a submitted response for changes, for the coordinators' editors. */
export const useReopenResponse = () =>
  useWrite(
    ({ id, organizationId, version }: ResponseTarget) =>
      sendJson<ResponseSummary>('POST', `${responsePath(id, organizationId)}/reopen`, { version }),
    responseChanged,
  );

/**
 * Applies a submitted response's registry tables to the member's ties, for the member's editors; the ties it creates
 * are internal unless published is asked for.
 */
export const useApplyResponse = () =>
  useWrite(
    ({
      id,
      organizationId,
      version,
      visibility,
    }: ResponseTarget & { visibility: 'internal' | 'published' }) =>
      sendJson<ApplyResult>('POST', `${responsePath(id, organizationId)}/apply`, { version, visibility }),
    (client, _result, variables) =>
      Promise.all([
        responseChanged(client, _result, variables),
        client.invalidateQueries({ queryKey: ['partnerships'] }),
      ]),
  );

/** Reminds every member that has not submitted, in the app and by e-mail where SMTP is set up. */
export const useSendReminders = () =>
  useWrite(
    ({ id }: { id: number }) => sendJson<RemindersResult>('POST', `${path(id)}/reminders`),
    responseChanged,
  );
