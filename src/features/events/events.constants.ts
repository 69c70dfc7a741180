/** The vocabularies of events; plain constants shared with the web app. */
export const EVENT_KINDS = [
  'forum',
  'trade_fair',
  'delegation_visit',
  'conference',
  'webinar',
  'meeting',
  'signing_ceremony',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** How people take part: at the venue, online, or both. */
export const ATTENDANCE_MODES = ['in_person', 'online', 'hybrid'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

export const EVENT_STATUSES = ['planned', 'scheduled', 'postponed', 'cancelled', 'held'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
