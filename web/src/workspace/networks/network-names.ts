import type { NetworkMember } from '../../api/networks.ts';

/** A text per language in the given language, else English, else any; undefined when there is none. */
export function localText(texts: Record<string, string>, language: string): string | undefined {
  for (const lang of [language, 'en', ...Object.keys(texts)]) {
    const text = texts[lang];
    if (text?.trim()) return text;
  }
  return undefined;
}

/** A member's key among a network's members: a place and an organisation may have the same id. */
export const memberKey = (member: Pick<NetworkMember, 'placeId' | 'organizationId'>) =>
  member.placeId !== null ? `place-${member.placeId}` : `organization-${member.organizationId}`;
