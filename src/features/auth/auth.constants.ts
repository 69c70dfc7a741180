/** A user's role in an organisation: editor (writes its records) or viewer (reads its internal records). */
export const MEMBER_ROLES = ['editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
