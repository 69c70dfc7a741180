/**
 * Outcomes (what ties, events and support requests produced) and support requests (companies asking the city's
 * business-support staff for a way into a place or a country), with the sectors companies are classed in.
 */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { OutcomeKind, SupportNeed, SupportStatus } from '../../../src/contract.ts';
import { getJson } from './client.ts';
import type { DoorOpenerPath } from './door-opener.ts';
import { recordRoutes } from './records.ts';
import { sendJson, useWrite } from './writes.ts';

export {
  OUTCOME_KINDS,
  type OutcomeKind,
  SUPPORT_NEEDS,
  SUPPORT_STATUSES,
  type SupportNeed,
  type SupportStatus,
} from '../../../src/contract.ts';

/** A text per language (fi, sv, en). */
export type Localized = Record<string, string>;

/** A value in its own currency: the amount as a decimal string (never rounded) and its ISO 4217 code. */
export interface Money {
  amount: string;
  currency: string;
}

/** What every kept record answers besides its own fields. */
type Kept = {
  version: number;
  canEdit: boolean;
  deletedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export interface Testimonial {
  person: { id: number; name: string | null };
  quote: Localized;
  consentOn: string;
  consentNote: string | null;
}

export type Outcome = Kept & {
  id: number;
  kind: OutcomeKind;
  achievedOn: string;
  title: Localized;
  description: Localized;
  value: Money | null;
  evidenceUrl: string | null;
  organizationId: number;
  organizationName: string;
  visibility: 'published' | 'internal';
  partnershipIds: number[];
  eventIds: number[];
  supportRequestIds: number[];
  organizations: { id: number; name: string }[];
  testimonials: Testimonial[];
};

export interface OutcomeTotal {
  currency: string;
  amount: string;
  count: number;
}

export interface OutcomeList {
  items: Outcome[];
  totals: OutcomeTotal[];
}

export interface OutcomeBody {
  kind: OutcomeKind;
  achievedOn: string;
  title: Localized;
  description: Localized;
  value: Money | null;
  evidenceUrl: string | null;
  organizationId: number;
  visibility: 'published' | 'internal';
  partnershipIds: number[];
  eventIds: number[];
  supportRequestIds: number[];
  organizationIds: number[];
  testimonials: { personId: number; quote: Localized; consentOn: string; consentNote: string | null }[];
}

export interface OutcomeQuery {
  organizationId?: number;
  partnershipId?: number;
  eventId?: number;
  supportRequestId?: number;
  kind?: OutcomeKind;
  limit?: number;
}

export type SupportRequest = Kept & {
  id: number;
  organizationId: number;
  organizationName: string;
  company: { id: number; name: string };
  need: SupportNeed;
  status: SupportStatus;
  targetPlace: { id: number; name: string; country: string } | null;
  targetCountry: string | null;
  /** A first-level region, named by its most populous place. */
  targetRegion: { code: string; country: string; place: { id: number; name: string } | null } | null;
  description: string | null;
  answer: string | null;
  /** The way in the door-opener search answered, as the staff kept it. */
  answerPath: DoorOpenerPath | null;
  receivedOn: string;
};

export interface SupportRequestBody {
  organizationId: number;
  companyId: number;
  need: SupportNeed;
  status: SupportStatus;
  targetPlaceId: number | null;
  targetCountry: string | null;
  targetRegion: string | null;
  description: string | null;
  answer: string | null;
  answerPath?: DoorOpenerPath | null;
  receivedOn: string;
}

export interface SupportRequestQuery {
  organizationId?: number;
  companyId?: number;
  status?: SupportStatus;
  limit?: number;
}

export interface Sector {
  code: string;
  name: Localized;
}

export const outcomeKeys = {
  all: ['outcomes'] as const,
  list: (query: OutcomeQuery) => [...outcomeKeys.all, 'list', query] as const,
};

export const supportRequestKeys = {
  all: ['support-requests'] as const,
  list: (query: SupportRequestQuery) => [...supportRequestKeys.all, 'list', query] as const,
};

/** Outcomes the reader may see, newest first, with their values summed per currency. */
export const useOutcomes = (query: OutcomeQuery, enabled = true) =>
  useQuery({
    queryKey: outcomeKeys.list(query),
    queryFn: ({ signal }) => getJson<OutcomeList>('/api/outcomes', { ...query }, signal),
    enabled,
  });

export const useSupportRequests = (query: SupportRequestQuery, enabled = true) =>
  useQuery({
    queryKey: supportRequestKeys.list(query),
    queryFn: ({ signal }) =>
      getJson<{ items: SupportRequest[] }>('/api/support-requests', { ...query }, signal),
    enabled,
  });

/** The sections of NACE Rev. 2 / TOL 2008 a company is classed in, named per language. */
export const useSectors = () =>
  useQuery({
    queryKey: ['sectors'],
    queryFn: ({ signal }) => getJson<{ items: Sector[] }>('/api/sectors', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

const outcomeRoutes = recordRoutes<Outcome, Partial<OutcomeBody> & { version: number }>('/api/outcomes');
const requestRoutes = recordRoutes<SupportRequest, Partial<SupportRequestBody> & { version: number }>(
  '/api/support-requests',
);

const outcomesChanged = (client: QueryClient) => client.invalidateQueries({ queryKey: outcomeKeys.all });
const requestsChanged = (client: QueryClient) =>
  client.invalidateQueries({ queryKey: supportRequestKeys.all });

export const useCreateOutcome = () =>
  useWrite((body: OutcomeBody) => sendJson<Outcome>('POST', '/api/outcomes', body), outcomesChanged);
export const useUpdateOutcome = () => useWrite(outcomeRoutes.update, outcomesChanged);
export const useDeleteOutcome = () => useWrite(outcomeRoutes.remove, outcomesChanged);
export const useRestoreOutcome = () => useWrite(outcomeRoutes.restore, outcomesChanged);

export const useCreateSupportRequest = () =>
  useWrite(
    (body: SupportRequestBody) => sendJson<SupportRequest>('POST', '/api/support-requests', body),
    requestsChanged,
  );
export const useUpdateSupportRequest = () => useWrite(requestRoutes.update, requestsChanged);
export const useDeleteSupportRequest = () => useWrite(requestRoutes.remove, requestsChanged);
export const useRestoreSupportRequest = () => useWrite(requestRoutes.restore, requestsChanged);
