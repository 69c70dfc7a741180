/** User administration (administrators only): users, their one-time password links and their memberships. */
import { useQuery } from '@tanstack/react-query';
import type {
  CreateUserBody,
  LinkResponse,
  MembershipBody,
  UpdateUserBody,
  User,
} from '../../../src/contract.ts';
import { getJson } from './client.ts';
import { sendJson, useWrite } from './writes.ts';

export type { User } from '../../../src/contract.ts';
export { MEMBER_ROLES } from '../../../src/contract.ts';

export const userKeys = {
  all: ['users'] as const,
};

export const useUsers = (enabled: boolean) =>
  useQuery({
    queryKey: userKeys.all,
    queryFn: () => getJson<{ items: User[] }>('/api/users'),
    enabled,
  });

/** Adds a user; the answer carries the one-time link with which they choose a password. */
export const useCreateUser = () =>
  useWrite(
    (body: CreateUserBody) => sendJson<{ user: User; link: LinkResponse }>('POST', '/api/users', body),
    (client) => client.invalidateQueries({ queryKey: userKeys.all }),
  );

export const useUpdateUser = () =>
  useWrite(
    ({ id, ...body }: UpdateUserBody & { id: number }) => sendJson<User>('PATCH', `/api/users/${id}`, body),
    (client) => client.invalidateQueries({ queryKey: userKeys.all }),
  );

/** A new one-time link with which the user chooses a new password. */
export const useCreatePasswordLink = () =>
  useWrite((id: number) => sendJson<LinkResponse>('POST', `/api/users/${id}/password-link`));

/** Gives a user a role in an organisation (or changes it). */
export const useGrantMembership = () =>
  useWrite(
    ({ userId, organizationId, ...body }: MembershipBody & { userId: number; organizationId: number }) =>
      sendJson('PUT', `/api/users/${userId}/memberships/${organizationId}`, body),
  );
