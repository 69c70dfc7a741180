import type { UserRow } from './auth.repo.ts';

/** The user as the audit history records it: never the password hash. */
export function auditedUser(user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    disabled: user.disabledAt !== null,
  };
}

/** A user as the API answers it: never the password hash, only whether there is one. */
export function presentUser(user: UserRow) {
  return {
    ...auditedUser(user),
    hasPassword: user.passwordHash !== null,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}
