/** The kinds of record whose changes the history keeps. */
export const AUDITED_ENTITIES = [
  'partnership',
  'organization',
  'person',
  'activity',
  'event',
  'place',
  'user',
  'network',
  'network_post',
  'campaign',
  'campaign_response',
  'outcome',
  'support_request',
  'article_series',
  'article',
] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

export interface AuditEntry {
  action: string;
  entityType: AuditedEntity;
  entityId: number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}
