/**
 * Which of the user's organisations the workspace shows: chosen in the sidebar's switcher and remembered in this
 * browser, else the first the user is a member of.
 */
import { useSyncExternalStore } from 'react';
import { useSession } from '../../api/auth.ts';

const STORAGE_KEY = 'citybridge.organization';
const listeners = new Set<() => void>();

function stored(): number | undefined {
  try {
    const value = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

let chosen = stored();

/** Remembers the chosen organisation and tells every part of the workspace that shows it. */
export function chooseOrganization(id: number): void {
  chosen = id;
  try {
    localStorage.setItem(STORAGE_KEY, String(id));
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface CurrentOrganization {
  id: number | undefined;
  name: string | undefined;
  memberships: { organizationId: number; name: string }[];
}

/** The organisation the workspace shows: the chosen one when the user is still a member of it, else the first. */
export function useCurrentOrganization(): CurrentOrganization {
  const choice = useSyncExternalStore(subscribe, () => chosen);
  const memberships = useSession().data?.memberships ?? [];
  const current = memberships.find((membership) => membership.organizationId === choice) ?? memberships[0];
  return { id: current?.organizationId, name: current?.name, memberships };
}
