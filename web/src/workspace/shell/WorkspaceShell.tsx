import { useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { type ReactNode, useCallback, useState, useSyncExternalStore } from 'react';
import { Breadcrumb, Breadcrumbs } from 'react-aria-components';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { OrganizationResponse, PartnershipRecord } from '../../../../src/contract.ts';
import { useSession, useSignOut } from '../../api/auth.ts';
import { type NetworkRecord, networkKeys } from '../../api/networks.ts';
import { organizationKeys } from '../../api/organizations.ts';
import { partnershipKeys } from '../../api/partnerships.ts';
import { Button } from '../../ui/Button.tsx';
import { Drawer } from '../../ui/Drawer.tsx';
import { MenuIcon } from '../../ui/icons.tsx';
import { Link } from '../../ui/Link.tsx';
import { MenuButton, MenuItem } from '../../ui/Menu.tsx';
import { Select } from '../../ui/Select.tsx';
import { Skeleton } from '../../ui/states.tsx';
import { setTheme, THEME_CHOICES, useTheme } from '../../ui/theme.ts';
import { NotificationsBell } from '../notifications/NotificationsBell.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import {
  useChooseOrganization,
  useCurrentOrganization,
  useOrganizationInAddress,
  withOrganization,
} from './current-organization.ts';
import './shell.css';

/** The sections of the organisation's workspace, in the sidebar's order; `editors`: shown to editors and administrators only. */
const SECTIONS = [
  { path: '/workspace', key: 'dashboard', end: true },
  { path: '/workspace/ties', key: 'ties', also: ['/partnerships/'] },
  { path: '/workspace/events', key: 'events' },
  { path: '/workspace/articles', key: 'articles', label: 'articles.section' },
  { path: '/workspace/outcomes', key: 'outcomes', label: 'outcomes.section' },
  { path: '/workspace/support-requests', key: 'supportRequests', label: 'outcomes.requestsSection' },
  { path: '/workspace/networks', key: 'networks', label: 'networks.section' },
  { path: '/workspace/campaigns', key: 'campaigns', label: 'campaigns.section' },
  { path: '/workspace/door-opener', key: 'doorOpener', label: 'doorOpener.section' },
  { path: '/workspace/imports', key: 'imports', label: 'imports.section', editors: true },
  { path: '/workspace/organizations', key: 'organizations', also: ['/organizations/'] },
  { path: '/workspace/people', key: 'people' },
  { path: '/workspace/activity', key: 'activity' },
] as const;

interface Crumb {
  label: string;
  path: string;
}

/** The record a page shows, from its address: a tie, an organisation or a network, by id. */
function recordOf(pathname: string): { type: 'tie' | 'organization' | 'network'; id: number } | undefined {
  const network = /^\/workspace\/networks\/(\d+)$/.exec(pathname);
  if (network) return { type: 'network', id: Number(network[1]) };
  const match = /^\/(partnerships|organizations)\/(\d+)(?:\/report)?$/.exec(pathname);
  if (!match) return undefined;
  return { type: match[1] === 'partnerships' ? 'tie' : 'organization', id: Number(match[2]) };
}

/** The label of a section: its own text, or `shell.<key>`. */
const sectionLabel = (t: WorkspaceT, section: (typeof SECTIONS)[number]) =>
  t('label' in section ? section.label : `shell.${section.key}`);

/**
 * The name of the record the page shows, read from the cache of the query the page itself loads: the breadcrumbs
 * make no request of their own and follow the cache as the page fills or saves it; undefined while it loads or
 * where the page shows no record. They read the cache rather than observe the query: an observer of their own would
 * give the query its options each time the breadcrumbs render, and one without a way to fetch would leave the page's
 * query unable to be read again when a write invalidates it.
 */
function useRecordName(pathname: string): string | undefined {
  const record = recordOf(pathname);
  const client = useQueryClient();
  const key = !record
    ? undefined
    : record.type === 'tie'
      ? partnershipKeys.record(record.id)
      : record.type === 'network'
        ? networkKeys.record(record.id)
        : organizationKeys.record(record.id);
  const subscribe = useCallback(
    (onChange: () => void) => client.getQueryCache().subscribe(onChange),
    [client],
  );
  const data = useSyncExternalStore(subscribe, () =>
    key ? client.getQueryData<PartnershipRecord | OrganizationResponse | NetworkRecord>(key) : undefined,
  );
  if (!data) return undefined;
  // A network is named in the interface language, else in any.
  if ('members' in data)
    return (
      data.name[i18next.language] ??
      data.name.en ??
      Object.values(data.name)[0] ??
      data.shortName ??
      undefined
    );
  // As the tie's page heading names it: its parties' names.
  return 'parties' in data ? data.parties.map((party) => party.name).join(' – ') : data.name;
}

/**
 * Where the page sits: the dashboard, then its section, then the page itself; a record's page is named by the
 * record (`name`), or by its type while the record loads. Sections carry the organisation shown.
 */
function crumbsOf(
  pathname: string,
  t: WorkspaceT,
  organizationId: number | undefined,
  name: string | undefined,
): Crumb[] {
  const home = { label: t('shell.dashboard'), path: withOrganization('/workspace', organizationId) };
  const section = (key: string, path: string) => ({
    label: t(`shell.${key}`),
    path: withOrganization(path, organizationId),
  });
  const ties = section('ties', '/workspace/ties');
  const organizations = section('organizations', '/workspace/organizations');
  const here = (label: string) => ({ label, path: pathname });
  if (pathname === '/workspace') return [home];
  const listed = SECTIONS.find((candidate) => candidate.path === pathname);
  if (listed)
    return [home, { label: sectionLabel(t, listed), path: withOrganization(listed.path, organizationId) }];
  const article = /^\/workspace\/articles\/(new|\d+)$/.exec(pathname);
  if (article)
    return [
      home,
      { label: t('articles.section'), path: withOrganization('/workspace/articles', organizationId) },
      here(t(article[1] === 'new' ? 'articles.new' : 'articles.article')),
    ];
  if (/^\/workspace\/networks\/\d+$/.test(pathname))
    return [
      home,
      { label: t('networks.section'), path: withOrganization('/workspace/networks', organizationId) },
      here(name ?? t('networks.network')),
    ];
  const campaign = /^\/workspace\/campaigns\/\d+(?:\/(edit|respond|results))?$/.exec(pathname);
  if (campaign)
    return [
      home,
      { label: t('campaigns.section'), path: withOrganization('/workspace/campaigns', organizationId) },
      here(t(`campaigns.crumb.${campaign[1] ?? 'campaign'}`)),
    ];
  if (pathname === '/workspace/components') return [home, here(t('shell.components'))];
  if (pathname === '/partnerships/new') return [home, ties, here(t('newTie.title'))];
  const report = /^(\/(partnerships|organizations)\/\d+)\/report$/.exec(pathname);
  if (report)
    return [
      home,
      report[2] === 'partnerships' ? ties : organizations,
      {
        label: name ?? t(report[2] === 'partnerships' ? 'tie.title' : 'organization.title'),
        path: report[1]!,
      },
      here(t('report.title')),
    ];
  if (pathname.startsWith('/partnerships/')) return [home, ties, here(name ?? t('tie.title'))];
  if (pathname.startsWith('/organizations/'))
    return [home, organizations, here(name ?? t('organization.title'))];
  if (pathname === '/account') return [home, here(t('account.title'))];
  if (pathname === '/admin/users') return [home, here(t('users.title'))];
  if (pathname === '/admin/wikidata-refresh') return [home, here(t('refresh.title'))];
  if (pathname === '/admin/duplicates') return [home, here(t('duplicates.title'))];
  return [home];
}

function WorkspaceBreadcrumbs({ t }: { t: WorkspaceT }) {
  const { pathname } = useLocation();
  const organization = useCurrentOrganization();
  const crumbs = crumbsOf(pathname, t, organization.id, useRecordName(pathname));
  return (
    <nav aria-label={t('shell.breadcrumbs')} className="ws-breadcrumbs">
      <Breadcrumbs
        items={crumbs.map((crumb, index) => ({ id: index, ...crumb }))}
        className="ws-breadcrumb-list"
      >
        {(crumb) => (
          <Breadcrumb id={crumb.id} className="ws-breadcrumb">
            <Link href={crumb.path} variant="standalone">
              {crumb.label}
            </Link>
          </Breadcrumb>
        )}
      </Breadcrumbs>
    </nav>
  );
}

/** The user's name as a menu: their account, the colour theme, and signing out. */
function UserMenu({ t }: { t: WorkspaceT }) {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const theme = useTheme();
  const user = session.data?.user;
  if (!user) return null;
  return (
    <div className="ws-user">
      <MenuButton
        label={<span className="ws-user-name">{user.name}</span>}
        aria-label={t('shell.userMenu', { name: user.name })}
        variant="quiet"
        onAction={(key) => {
          if (key === 'sign-out')
            void signOut.mutateAsync(undefined).then(() => navigate('/sign-in', { replace: true }));
          else if (key === 'account') void navigate('/account');
        }}
      >
        <MenuItem id="account">{t('account.link')}</MenuItem>
        <MenuItem id="sign-out">{t('signIn.signOut')}</MenuItem>
      </MenuButton>
      <MenuButton
        label={t('shell.theme')}
        variant="quiet"
        size="s"
        selectionMode="single"
        selectedKeys={[theme]}
        onSelectionChange={(keys) => {
          if (keys === 'all') return;
          const [choice] = [...keys];
          if (choice === 'system' || choice === 'light' || choice === 'dark') setTheme(choice);
        }}
      >
        {THEME_CHOICES.map((choice) => (
          <MenuItem key={choice} id={choice}>
            {t(`ui.theme.${choice}`, { ns: 'translation' })}
          </MenuItem>
        ))}
      </MenuButton>
    </div>
  );
}

/** The organisation switcher (for members of several), the sections, the admin's pages and the user menu. */
function Sidebar({ t, onNavigate }: { t: WorkspaceT; onNavigate?: () => void }) {
  const session = useSession();
  const organization = useCurrentOrganization();
  const chooseOrganization = useChooseOrganization();
  const { pathname } = useLocation();
  const isAdmin = session.data?.user?.isAdmin ?? false;
  // Sections for editors (imports) are shown to editors of an organisation and to administrators.
  const mayEdit = isAdmin || !!session.data?.memberships.some((membership) => membership.role === 'editor');
  const link = (
    path: string,
    label: ReactNode,
    options: { end?: boolean; also?: readonly string[] } = {},
  ) => (
    <li>
      <NavLink
        to={path}
        end={options.end}
        onClick={onNavigate}
        className={({ isActive }) =>
          isActive ||
          options.also?.some((prefix) => pathname.startsWith(prefix) && pathname !== '/partnerships/new')
            ? 'ws-nav-link is-active'
            : 'ws-nav-link'
        }
      >
        {label}
      </NavLink>
    </li>
  );
  return (
    <div className="ws-sidebar-content">
      {organization.memberships.length > 1 ? (
        <Select
          label={t('shell.organization')}
          options={organization.memberships.map((membership) => ({
            id: membership.organizationId,
            label: membership.name,
          }))}
          selectedKey={organization.id ?? null}
          onSelectionChange={(key) => {
            if (key !== null && Number(key) !== organization.id) chooseOrganization(Number(key));
          }}
        />
      ) : (
        organization.name && (
          <p className="ws-organization">
            <span className="ws-organization-label">{t('shell.organization')}</span>
            <span className="ws-organization-name">{organization.name}</span>
          </p>
        )
      )}
      <nav aria-label={t('shell.sections')} className="ws-nav">
        <ul>
          {SECTIONS.filter((section) => !('editors' in section) || mayEdit).map((section) =>
            link(withOrganization(section.path, organization.id), sectionLabel(t, section), {
              end: 'end' in section,
              also: 'also' in section ? section.also : undefined,
            }),
          )}
        </ul>
        <ul className="ws-nav-secondary">
          {link('/workspace/components', t('shell.components'))}
          {isAdmin && link('/admin/users', t('users.link'))}
          {isAdmin && link('/admin/wikidata-refresh', t('refresh.link'))}
          {isAdmin && link('/admin/duplicates', t('duplicates.link'))}
        </ul>
      </nav>
      <UserMenu t={t} />
    </div>
  );
}

/**
 * The frame of every signed-in page: the sidebar (a drawer on a narrow screen), breadcrumbs, and the page. Anyone
 * not signed in is sent to the sign-in page, except from the pages of published records.
 */
export function WorkspaceShell() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { pathname } = useLocation();
  useOrganizationInAddress();

  if (!ready || session.isPending) return <Skeleton lines={4} />;
  if (!session.data?.user) {
    // A published tie or organisation has a page (and an impact report) anyone may read; the rest of the workspace
    // needs a sign-in.
    if (/^\/(partnerships|organizations)\/\d+(\/report)?$/.test(pathname)) return <Outlet />;
    return <Navigate to="/sign-in" replace />;
  }
  return (
    <div className="ws-shell">
      <div className="ws-sidebar">
        <Sidebar t={t} />
      </div>
      <div className="ws-page">
        <div className="ws-topbar">
          <Button
            className="ws-sections-button"
            variant="secondary"
            size="s"
            onPress={() => setDrawerOpen(true)}
          >
            <MenuIcon />
            <span>{t('shell.openSections')}</span>
          </Button>
          <WorkspaceBreadcrumbs t={t} />
          <NotificationsBell />
        </div>
        <Outlet />
      </div>
      <Drawer title={t('shell.sections')} isOpen={drawerOpen} onOpenChange={setDrawerOpen}>
        {(close) => <Sidebar t={t} onNavigate={close} />}
      </Drawer>
    </div>
  );
}
