/** One entry of a record's history, as the API presents it. */
export interface HistoryEvent {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
