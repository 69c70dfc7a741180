import type { MemberRole } from './auth.constants.ts';

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
