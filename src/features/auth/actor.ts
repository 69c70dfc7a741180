import type { MemberRole } from '../organizations/organizations.constants.ts';

/** Who is making a request: a signed-in user (by session cookie or API token). Anonymous requests have none. */
export interface Actor {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The organisations the user belongs to, with the role in each. */
  memberships: ReadonlyMap<number, MemberRole>;
  via: 'session' | 'token';
}

/** How an actor appears in the history; the command line acts as the machine's operator. */
export function actorLabel(actor: Actor | null): string {
  return actor ? `${actor.name} <${actor.email}>` : 'command line';
}
