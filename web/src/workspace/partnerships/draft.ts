import type { PartnershipRecord } from '../../api/partnerships.ts';

/** The languages a tie is described in. */
export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export const DATE_FIELDS = ['signedOn', 'startedOn', 'endedOn', 'renewalOn'] as const;

/** A tie as its edit form holds it: text fields as typed, parties with their names. */
export type Draft = Pick<PartnershipRecord, 'status' | 'themes' | 'visibility'> &
  Record<(typeof DATE_FIELDS)[number], string> & {
    endReason: string;
    notes: string;
    descriptions: Record<string, string>;
    parties: { placeId: number | null; organizationId: number | null; name: string }[];
  };

export const partyKey = (party: { placeId: number | null; organizationId: number | null }) =>
  party.placeId ? `p${party.placeId}` : `o${party.organizationId}`;

export function toDraft(record: PartnershipRecord): Draft {
  return {
    status: record.status,
    themes: record.themes,
    visibility: record.visibility,
    signedOn: record.signedOn ?? '',
    startedOn: record.startedOn ?? '',
    endedOn: record.endedOn ?? '',
    renewalOn: record.renewalOn ?? '',
    endReason: record.endReason ?? '',
    notes: record.notes ?? '',
    descriptions: { ...record.descriptions },
    parties: record.parties.map(({ placeId, organizationId, name }) => ({ placeId, organizationId, name })),
  };
}

/** Only the fields the user changed, so that re-applying them after a conflict keeps everyone else's changes. */
export function changes(original: Draft, draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  if (draft.status !== original.status) out.status = draft.status;
  if (draft.parties.map(partyKey).sort().join() !== original.parties.map(partyKey).sort().join()) {
    out.parties = draft.parties.map(partyInput);
  }
  if (draft.visibility !== original.visibility) out.visibility = draft.visibility;
  if (draft.themes.join() !== original.themes.join()) out.themes = draft.themes;
  for (const field of [...DATE_FIELDS, 'endReason', 'notes'] as const) {
    if (draft[field] !== original[field]) out[field] = orNull(draft[field]);
  }
  if (
    LANGUAGES.some(
      (language) => (draft.descriptions[language] ?? '') !== (original.descriptions[language] ?? ''),
    )
  ) {
    out.descriptions = Object.fromEntries(
      LANGUAGES.flatMap((language) => {
        const text = draft.descriptions[language]?.trim();
        return text ? [[language, text]] : [];
      }),
    );
  }
  return out;
}

/** What a party is sent as: its place or its organisation. */
export const partyInput = (party: { placeId?: number | null; organizationId?: number | null }) =>
  party.placeId ? { placeId: party.placeId } : { organizationId: party.organizationId! };
