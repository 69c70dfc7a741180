/**
 * What the web app may know of the server: the API's request and response types, inferred from the Zod schemas
 * that validate them, and the vocabularies the pages offer. This is the only server file the web app imports.
 *
 * Types are imported as types only, so no schema (nor Zod) reaches the browser; the values exported here come
 * from plain constant files with no dependencies, and the great circle that the atlas and the GeoJSON export draw.
 */
import type * as z from 'zod';
import type { ErrorCode, errorResponseSchema } from './core/errors.ts';
import type { historyEventSchema, historyResponseSchema } from './core/schemas.ts';
import type {
  activityListQuerySchema,
  activityListResponseSchema,
  activitySchema,
  createActivityBodySchema,
  updateActivityBodySchema,
} from './features/activities/activities.schema.ts';
import type {
  apiTokenSchema,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  createUserBodySchema,
  inspectLinkResponseSchema,
  linkResponseSchema,
  membershipBodySchema,
  passwordLinkBodySchema,
  sessionResponseSchema,
  setupBodySchema,
  signInBodySchema,
  updateUserBodySchema,
  userSchema,
} from './features/auth/auth.schema.ts';
import type {
  applyPreviewSchema,
  applyResultSchema,
  campaignListQuerySchema,
  campaignListResponseSchema,
  createCampaignBodySchema,
  definitionSchema,
  fieldSchema,
  questionSchema,
  registryRowSchema,
  remindersResultSchema,
  responseListResponseSchema,
  saveAnswerBodySchema,
  sectionSchema,
  showIfSchema,
  updateCampaignBodySchema,
} from './features/campaigns/campaigns.schema.ts';
import type {
  createEventBodySchema,
  eventListQuerySchema,
  eventListResponseSchema,
  eventSchema,
  programmeBodySchema,
  updateEventBodySchema,
} from './features/events/events.schema.ts';
import type {
  invitationListResponseSchema,
  invitationSchema,
  inviteBodySchema,
  inviteResponseSchema,
  updateInvitationBodySchema,
} from './features/events/invitations.schema.ts';
import type { mediaSchema, updateMediaBodySchema } from './features/events/media.schema.ts';
import type {
  decisionSchema,
  duplicateListSchema,
  duplicateScanSchema,
  duplicateSchema,
} from './features/merges/duplicates.schema.ts';
import type { presentMerge } from './features/merges/merges.service.ts';
import type { networkNamesResponseSchema, networkResponseSchema } from './features/network/network.schema.ts';
import type {
  addMemberBodySchema,
  createNetworkBodySchema,
  networkEventsResponseSchema,
  networkListQuerySchema,
  networkListResponseSchema,
  networkSchema,
  networkTiesResponseSchema,
  setCoordinatorsBodySchema,
  updateMemberBodySchema,
  updateNetworkBodySchema,
} from './features/networks/networks.schema.ts';
import type {
  createOrganizationBodySchema,
  organizationListResponseSchema,
  organizationSchema,
  updateOrganizationBodySchema,
} from './features/organizations/organizations.schema.ts';
import type {
  confirmPartnershipBodySchema,
  createPartnershipBodySchema,
  partnershipListQuerySchema,
  partnershipListResponseSchema,
  partnershipRecordSchema,
  partnershipSchema,
  updatePartnershipBodySchema,
} from './features/partnerships/partnerships.schema.ts';
import type {
  createPersonBodySchema,
  personListQuerySchema,
  personListResponseSchema,
  personSchema,
  updatePersonBodySchema,
} from './features/people/people.schema.ts';
import type {
  addPlaceNameBodySchema,
  placeDetailSchema,
  placeNameSchema,
  placeNamesResponseSchema,
  placePartnersResponseSchema,
  placeSearchResponseSchema,
  placeSummarySchema,
} from './features/places/places.schema.ts';
import type { settingsResponseSchema } from './features/settings/settings.routes.ts';
import type { statsResponseSchema } from './features/stats/stats.schema.ts';
import type { organizationDashboard } from './features/workspace/workspace.service.ts';

export { ACTIVITY_KINDS } from './features/activities/activities.constants.ts';
export { MEMBER_ROLES } from './features/auth/auth.constants.ts';
export {
  CAMPAIGN_STATUSES,
  QUESTION_TYPES,
  RESPONSE_STATUSES,
} from './features/campaigns/campaigns.constants.ts';
export {
  ATTENDANCE_MODES,
  EVENT_KINDS,
  EVENT_STATUSES,
  INVITATION_STATUSES,
  INVITEE_ANSWERS,
  PARTICIPANT_ROLES,
  SESSION_KINDS,
  SPEAKER_ROLES,
} from './features/events/events.constants.ts';
export {
  DOCUMENT_MEDIA_TYPES,
  IMAGE_MEDIA_TYPES,
  MAX_MEDIA_BYTES,
} from './features/events/media.constants.ts';
export {
  decodeEdges,
  type NetworkArrays,
  packNetwork,
  unpackNetwork,
} from './features/network/network.encoding.ts';
export { NETWORK_KINDS } from './features/networks/networks.constants.ts';
export { GOVERNMENT_KINDS, ORGANIZATION_KINDS } from './features/organizations/organizations.constants.ts';
export {
  OUTCOME_KINDS,
  type OutcomeKind,
  SUPPORT_NEEDS,
  SUPPORT_STATUSES,
  type SupportNeed,
  type SupportStatus,
} from './features/outcomes/outcomes.constants.ts';
export {
  PARTNERSHIP_KINDS,
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_THEMES,
} from './features/partnerships/partnerships.constants.ts';
export { CONTACT_KINDS, POST_ROLES } from './features/people/people.constants.ts';

// Errors
export type { ErrorCode };
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

// The public registry
export type NetworkResponse = z.infer<typeof networkResponseSchema>;
export type NetworkNamesResponse = z.infer<typeof networkNamesResponseSchema>;
export type PlaceSummary = z.infer<typeof placeSummarySchema>;
export type PlaceDetail = z.infer<typeof placeDetailSchema>;
export type PlacePartnersResponse = z.infer<typeof placePartnersResponseSchema>;
export type PlaceSearchResponse = z.infer<typeof placeSearchResponseSchema>;
export type PlaceSearchResult = PlaceSearchResponse['results'][number];
export type PlaceNamesResponse = z.infer<typeof placeNamesResponseSchema>;
/** One name of a place, with the source that gave it (null: added in the workspace). */
export type PlaceName = z.infer<typeof placeNameSchema>;
export type AddPlaceNameBody = z.input<typeof addPlaceNameBodySchema>;
export type StatsResponse = z.infer<typeof statsResponseSchema>;
export type SettingsResponse = z.infer<typeof settingsResponseSchema>;
export type PartnershipResponse = z.infer<typeof partnershipSchema>;
export type PartnershipListQuery = Partial<z.infer<typeof partnershipListQuerySchema>>;
export type PartnershipListResponse = z.infer<typeof partnershipListResponseSchema>;

// Ties in the workspace
export type PartnershipRecord = z.infer<typeof partnershipRecordSchema>;
export type CreatePartnershipBody = z.input<typeof createPartnershipBodySchema>;
export type UpdatePartnershipBody = z.input<typeof updatePartnershipBodySchema>;
export type ConfirmPartnershipBody = z.input<typeof confirmPartnershipBodySchema>;
export type Visibility = PartnershipRecord['visibility'];

// Organisations, people and activities
export type OrganizationResponse = z.infer<typeof organizationSchema>;
export type OrganizationListResponse = z.infer<typeof organizationListResponseSchema>;
export type CreateOrganizationBody = z.input<typeof createOrganizationBodySchema>;
export type UpdateOrganizationBody = z.input<typeof updateOrganizationBodySchema>;
export type PersonResponse = z.infer<typeof personSchema>;
export type PersonListQuery = Partial<z.infer<typeof personListQuerySchema>>;
export type PersonListResponse = z.infer<typeof personListResponseSchema>;
export type CreatePersonBody = z.input<typeof createPersonBodySchema>;
export type UpdatePersonBody = z.input<typeof updatePersonBodySchema>;
export type ActivityResponse = z.infer<typeof activitySchema>;
export type ActivityListQuery = Partial<z.infer<typeof activityListQuerySchema>>;
export type ActivityListResponse = z.infer<typeof activityListResponseSchema>;

// Events
export type EventResponse = z.infer<typeof eventSchema>;
export type EventListQuery = Partial<z.input<typeof eventListQuerySchema>>;
export type EventListResponse = z.infer<typeof eventListResponseSchema>;
export type CreateEventBody = z.input<typeof createEventBodySchema>;
export type UpdateEventBody = z.input<typeof updateEventBodySchema>;
export type EventSessionResponse = EventResponse['programme'][number];
export type ProgrammeBody = z.input<typeof programmeBodySchema>;
export type InvitationResponse = z.infer<typeof invitationSchema>;
export type InvitationListResponse = z.infer<typeof invitationListResponseSchema>;
export type InviteBody = z.input<typeof inviteBodySchema>;
export type InviteResponse = z.infer<typeof inviteResponseSchema>;
export type UpdateInvitationBody = z.input<typeof updateInvitationBodySchema>;
export type EventMediaResponse = z.infer<typeof mediaSchema>;
export type UpdateEventMediaBody = z.input<typeof updateMediaBodySchema>;
export type CreateActivityBody = z.input<typeof createActivityBodySchema>;
export type UpdateActivityBody = z.input<typeof updateActivityBodySchema>;
/** The dashboard's schema is declared with its route; its presenter answers the same shape. */
export type Dashboard = Awaited<ReturnType<typeof organizationDashboard>>;
// Networks of cities and their working groups
export type NetworkRecord = z.infer<typeof networkSchema>;
export type NetworkMember = NetworkRecord['members'][number];
export type NetworkListQuery = Partial<z.infer<typeof networkListQuerySchema>>;
export type NetworkListResponse = z.infer<typeof networkListResponseSchema>;
export type NetworkListItem = NetworkListResponse['items'][number];
export type CreateNetworkBody = z.input<typeof createNetworkBodySchema>;
export type UpdateNetworkBody = z.input<typeof updateNetworkBodySchema>;
export type AddNetworkMemberBody = z.input<typeof addMemberBodySchema>;
export type UpdateNetworkMemberBody = z.input<typeof updateMemberBodySchema>;
export type SetNetworkCoordinatorsBody = z.input<typeof setCoordinatorsBodySchema>;
export type NetworkTiesResponse = z.infer<typeof networkTiesResponseSchema>;
export type NetworkEventsResponse = z.infer<typeof networkEventsResponseSchema>;
export type HistoryEvent = z.infer<typeof historyEventSchema>;
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
export type Merge = ReturnType<typeof presentMerge>;
// The review queue of duplicate places
export type PlaceDuplicate = z.infer<typeof duplicateSchema>;
export type PlaceDuplicateList = z.infer<typeof duplicateListSchema>;
export type PlaceDuplicateDecision = z.infer<typeof decisionSchema>;
export type PlaceDuplicateScan = z.infer<typeof duplicateScanSchema>;

// Accounts, sessions and tokens
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
export type SignInBody = z.input<typeof signInBodySchema>;
export type SetupBody = z.input<typeof setupBodySchema>;
export type PasswordLinkBody = z.input<typeof passwordLinkBodySchema>;
export type InspectLinkResponse = z.infer<typeof inspectLinkResponseSchema>;
export type ChangePasswordBody = z.input<typeof changePasswordBodySchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
export type User = z.infer<typeof userSchema>;
export type CreateUserBody = z.input<typeof createUserBodySchema>;
export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
export type LinkResponse = z.infer<typeof linkResponseSchema>;
export type MembershipBody = z.input<typeof membershipBodySchema>;

// Campaigns (mapping surveys)
export type {
  AnswerResponse,
  CampaignDefinition,
  CampaignField,
  CampaignListItem,
  CampaignQuestion,
  CampaignResponse,
  CampaignResults,
  CampaignSection,
  CampaignTemplate,
  QuestionResult,
  ResponseDetail,
  ResponseSummary,
  SavedAnswer,
} from './features/campaigns/campaigns.schema.ts';
export type CampaignDefinitionInput = z.input<typeof definitionSchema>;
export type CampaignSectionInput = z.input<typeof sectionSchema>;
export type CampaignFieldInput = z.input<typeof fieldSchema>;
export type CampaignQuestionInput = z.input<typeof questionSchema>;
export type CampaignShowIf = z.infer<typeof showIfSchema>;
export type CampaignListQuery = Partial<z.input<typeof campaignListQuerySchema>>;
export type CampaignListResponse = z.infer<typeof campaignListResponseSchema>;
export type CreateCampaignBody = z.input<typeof createCampaignBodySchema>;
export type UpdateCampaignBody = z.input<typeof updateCampaignBodySchema>;
export type SaveAnswerBody = z.input<typeof saveAnswerBodySchema>;
export type RegistryRow = z.infer<typeof registryRowSchema>;
export type ResponseListResponse = z.infer<typeof responseListResponseSchema>;
export type ApplyPreview = z.infer<typeof applyPreviewSchema>;
export type ApplyResult = z.infer<typeof applyResultSchema>;
export type RemindersResult = z.infer<typeof remindersResultSchema>;

// Articles and their series
export {
  ARTICLE_LANGUAGES,
  ARTICLE_STATUSES,
  type ArticleLanguage,
  type ArticleStatus,
} from './features/articles/articles.constants.ts';
export type {
  ArticleLinks,
  ArticleListQuery,
  ArticleListResponse,
  ArticleResponse,
  ArticleStatusBody,
  CreateArticleBody,
  CreateSeriesBody,
  SeriesListResponse,
  SeriesResponse,
  UpdateArticleBody,
  UpdateSeriesBody,
} from './features/articles/articles.schema.ts';
// The refresh of the Wikidata ties from a newer extract
export type {
  ApplyResult as WikidataRefreshApplied,
  ChangedPlace as WikidataRefreshChangedPlace,
  GoneTie as WikidataRefreshGoneTie,
  NewTie as WikidataRefreshNewTie,
  PlaceField as WikidataRefreshField,
  RefreshDiff as WikidataRefreshDiff,
} from './features/imports/wikidata-refresh/wikidata-refresh.schema.ts';
// A group's discussion, and notifications
export {
  POST_LINK_TYPES,
  POST_MAX_LENGTH,
  POST_MENTION_KIND,
  type PostLinkType,
} from './features/networks/posts.constants.ts';
export type {
  CreatePostInput,
  DiscussionResponse,
  DiscussionThread,
  PostResponse,
  UpdatePostInput,
} from './features/networks/posts.schema.ts';
export type {
  NotificationListResponse,
  NotificationResponse,
  ReadAllResponse,
} from './features/notifications/notifications.schema.ts';
export {
  DEFAULT_QUIET_MONTHS,
  QUIET_PERIODS,
  REMINDER_KINDS,
  type ReminderKind,
} from './features/reminders/reminders.constants.ts';
export type { ReminderSettings, ReminderSettingsInput } from './features/reminders/reminders.schema.ts';
// Impact reports
export type { ImpactReport, ReportTie, TimelineEntry } from './features/reports/reports.schema.ts';
export { greatCircle } from './lib/great-circle.ts';
