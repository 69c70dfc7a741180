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

/**
 * Where an invitation stands: the invitee answers (accepted, declined, tentative); the host records who came
 * (attended, no_show).
 */
export const INVITATION_STATUSES = [
  'invited',
  'accepted',
  'declined',
  'tentative',
  'attended',
  'no_show',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
/** The answers an invitee gives; the rest are the hosts' to record. */
export const INVITEE_ANSWERS = [
  'accepted',
  'declined',
  'tentative',
] as const satisfies readonly InvitationStatus[];

/**
 * Why a participant is there: a guest (a twin town invited to the forum), a media partner (the group that filmed
 * it), an exhibitor (a company at a trade fair, with the city that supported it), a sponsor, or the organisation of
 * a speaker.
 */
export const PARTICIPANT_ROLES = [
  'guest',
  'media_partner',
  'exhibitor',
  'sponsor',
  'speaker_organization',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** At most this many invitees in one invitation action (a host city's whole twin-town network fits). */
export const MAX_INVITEES = 500;

/** The parts of an event's programme. */
export const SESSION_KINDS = ['opening', 'panel', 'keynote', 'workshop', 'closing', 'group_photo'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What a speaker does in a session. */
export const SPEAKER_ROLES = [
  'opening_speaker',
  'keynote_speaker',
  'moderator',
  'panelist',
  'closing_speaker',
] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];
