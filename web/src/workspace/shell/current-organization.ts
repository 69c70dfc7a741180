/**
 * Which of the user's organisations the workspace shows: the one the address names (`?org=<id>`, which the
 * sidebar's and the breadcrumbs' links carry, so a shared link opens the same organisation's view), else the one
 * last chosen in this browser, else the first the user is a member of. An organisation the user is not a member of
 * is never shown, whatever the address says: the workspace falls back as if it named none.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../api/auth.ts';

/** The search parameter that names the organisation in a workspace address. */
export const ORGANIZATION_PARAM = 'org';

const STORAGE_KEY = 'citybridge.organization';
const listeners = new Set<() => void>();

/** A positive integer id, else undefined. */
function idOf(value: string | null): number | undefined {
  const id = Number(value ?? Number.NaN);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function stored(): number | undefined {
  try {
    return idOf(localStorage.getItem(STORAGE_KEY));
  } catch {
    return undefined;
  }
}

let chosen = stored();

/** Remembers the chosen organisation in this browser and tells every part of the workspace that shows it. */
function remember(id: number): void {
  if (chosen === id) return;
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

/** The organisation named by the address's search string, if any. */
const namedIn = (search: string) => idOf(new URLSearchParams(search).get(ORGANIZATION_PARAM));

/** The organisation the workspace shows: the one the address names, else the remembered one, else the first. */
export function useCurrentOrganization(): CurrentOrganization {
  const remembered = useSyncExternalStore(subscribe, () => chosen);
  const named = namedIn(useLocation().search);
  const memberships = useSession().data?.memberships ?? [];
  const member = (id: number | undefined) =>
    id === undefined ? undefined : memberships.find((membership) => membership.organizationId === id);
  const current = member(named) ?? member(remembered) ?? memberships[0];
  return { id: current?.organizationId, name: current?.name, memberships };
}

/** `path` with the organisation in its search string (unchanged while there is none to name). */
export function withOrganization(path: string, id: number | undefined): string {
  if (id === undefined) return path;
  const [pathname = '', search = ''] = path.split('?', 2);
  const params = new URLSearchParams(search);
  params.set(ORGANIZATION_PARAM, String(id));
  return `${pathname}?${params}`;
}

/**
 * Keeps the address and the remembered choice in step with the organisation shown: an organisation the address
 * names and the user is a member of becomes the remembered choice; one the user is not a member of (or that does
 * not exist) is replaced in the address by the organisation shown instead. An address that names none is left as
 * it is. The workspace's frame calls this once.
 */
export function useOrganizationInAddress(): void {
  const { search, pathname, hash } = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const { id } = useCurrentOrganization();
  const known = session.isSuccess && Boolean(session.data.user);
  const given = new URLSearchParams(search).get(ORGANIZATION_PARAM);
  useEffect(() => {
    if (!known || given === null) return;
    if (id !== undefined && given === String(id)) {
      remember(id);
      return;
    }
    const params = new URLSearchParams(search);
    if (id === undefined) params.delete(ORGANIZATION_PARAM);
    else params.set(ORGANIZATION_PARAM, String(id));
    const rest = params.toString();
    void navigate({ pathname, search: rest ? `?${rest}` : '', hash }, { replace: true });
  }, [known, given, id, search, pathname, hash, navigate]);
}

/**
 * Shows another of the user's organisations: named in the address (a new entry in the history, so Back returns to
 * the one before) and remembered in this browser. The tables' page numbers are dropped: the other organisation's
 * lists start at their first page.
 */
export function useChooseOrganization(): (id: number) => void {
  const { search, pathname } = useLocation();
  const navigate = useNavigate();
  return (id: number) => {
    remember(id);
    const params = new URLSearchParams(search);
    for (const name of [...params.keys()]) if (name.endsWith('.page')) params.delete(name);
    params.set(ORGANIZATION_PARAM, String(id));
    void navigate({ pathname, search: `?${params}` });
  };
}
