import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import {
  Autocomplete,
  Dialog,
  Header,
  Heading,
  Input,
  Menu,
  MenuItem,
  MenuSection,
  Modal,
  ModalOverlay,
  TextField,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrganizationListResponse, PersonListResponse } from '../../../src/contract.ts';
import { useSession } from '../api/auth.ts';
import { getJson } from '../api/client.ts';
import { usePlaceName, usePlaceSearch } from '../api/places.ts';
import { useDashboard } from '../api/workspace.ts';
import { countryName } from '../format.ts';
import { changeLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/index.ts';
import { SearchIcon } from '../ui/icons.tsx';
import { setTheme, THEME_CHOICES } from '../ui/theme.ts';
import { useCurrentOrganization, withOrganization } from '../workspace/shell/current-organization.ts';
import './CommandPalette.css';

/** One thing the palette offers: a record to open or a command to run. */
interface Entry {
  id: string;
  label: string;
  detail?: string;
  run: () => void;
}

interface Group {
  id: string;
  title: string;
  entries: Entry[];
}

/** The text as it was a moment ago: the server is asked once the typing pauses, not at every keystroke. */
function useSettled(text: string, delayMs = 150): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return settled;
}

const matches = (label: string, text: string) =>
  text === '' || label.toLocaleLowerCase().includes(text.toLocaleLowerCase());

/**
 * Searches places, and for a signed-in user the ties, organisations and people they may see, and offers commands
 * (new tie, log an activity, language, theme, pages), grouped, in the interface language. Arrow keys move, Enter
 * opens, Escape closes and gives focus back to where it was.
 */
export default function CommandPalette(props: { isOpen: boolean; onOpenChange: (isOpen: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const query = useSettled(text.trim());
  const session = useSession();
  const signedIn = Boolean(session.data?.user);
  const organization = useCurrentOrganization();
  const placeName = usePlaceName();

  const places = usePlaceSearch(query);
  const dashboard = useDashboard(organization.id, signedIn);
  const organizations = useQuery({
    queryKey: ['organizations', 'palette', query],
    queryFn: ({ signal }) =>
      getJson<OrganizationListResponse>('/api/organizations', { q: query, limit: 6 }, signal),
    enabled: signedIn && query.length > 0,
    staleTime: 30_000,
  });
  const people = useQuery({
    queryKey: ['people', 'list', { organizationId: organization.id }],
    queryFn: () => getJson<PersonListResponse>('/api/people', { organizationId: organization.id }),
    enabled: signedIn && organization.id !== undefined,
  });

  const close = () => props.onOpenChange(false);
  const go = (path: string) => () => {
    close();
    void navigate(path);
  };

  // Cheap to build: a few dozen entries at most, so built again at each render.
  const groups = ((): Group[] => {
    const found: Group[] = [];
    if (query) {
      found.push({
        id: 'places',
        title: t('palette.places'),
        entries: (places.data?.results ?? []).map((place) => ({
          id: `place-${place.id}`,
          label: placeName(place.id, place.name),
          detail: countryName(place.country, i18n.language),
          run: go(`/places/${place.id}`),
        })),
      });
      if (signedIn) {
        found.push(
          {
            id: 'ties',
            title: t('palette.ties'),
            entries: (dashboard.data?.ties ?? [])
              .filter((tie) => matches(tie.partners, query))
              .slice(0, 6)
              .map((tie) => ({
                id: `tie-${tie.id}`,
                label: tie.partners,
                detail: `${t(`kind.${tie.kind}`)}, ${t(`status.${tie.status}`)}`,
                run: go(`/partnerships/${tie.id}`),
              })),
          },
          {
            id: 'organizations',
            title: t('palette.organizations'),
            entries: (organizations.data?.items ?? []).map((item) => ({
              id: `organization-${item.id}`,
              label: item.name,
              detail: item.place?.name,
              run: go(`/organizations/${item.id}`),
            })),
          },
          {
            id: 'people',
            title: t('palette.people'),
            entries: (people.data?.items ?? [])
              .filter((person) => person.name && matches(person.name, query))
              .slice(0, 6)
              .map((person) => ({
                id: `person-${person.id}`,
                label: person.name ?? '',
                detail: person.posts
                  .map((post) => post.title ?? post.organizationName)
                  .filter(Boolean)
                  .join(', '),
                run: go(
                  withOrganization(
                    `/workspace/people?people.q=${encodeURIComponent(person.name ?? '')}`,
                    organization.id,
                  ),
                ),
              })),
          },
        );
      }
    }
    const workspace = (path: string) => (signedIn ? path : '/sign-in');
    const actions: Entry[] = [
      { id: 'new-tie', label: t('palette.newTie'), run: go(workspace('/partnerships/new')) },
      {
        id: 'log-activity',
        label: t('palette.logActivity'),
        run: go(workspace(organization.id ? `/organizations/${organization.id}` : '/workspace')),
      },
      ...LANGUAGES.filter((language) => language !== i18n.language).map((language) => ({
        id: `language-${language}`,
        label: t('palette.language', { name: LANGUAGE_NAMES[language] }),
        run: () => {
          close();
          void changeLanguage(language);
        },
      })),
      ...THEME_CHOICES.map((choice) => ({
        id: `theme-${choice}`,
        label: t('palette.theme', { name: t(`ui.theme.${choice}`) }),
        run: () => {
          close();
          setTheme(choice);
        },
      })),
    ];
    const pages: Entry[] = [
      { id: 'page-atlas', label: t('nav.atlas'), run: go('/') },
      { id: 'page-countries', label: t('nav.countries'), run: go('/countries') },
      { id: 'page-accessibility', label: t('nav.accessibility'), run: go('/accessibility') },
      signedIn
        ? {
            id: 'page-workspace',
            label: t('nav.workspace'),
            run: go(withOrganization('/workspace', organization.id)),
          }
        : { id: 'page-sign-in', label: t('nav.signIn'), run: go('/sign-in') },
    ];
    found.push(
      {
        id: 'actions',
        title: t('palette.actions'),
        entries: actions.filter((entry) => matches(entry.label, query)),
      },
      {
        id: 'pages',
        title: t('palette.pages'),
        entries: pages.filter((entry) => matches(entry.label, query)),
      },
    );
    return found.filter((group) => group.entries.length > 0);
  })();

  const entries = new Map(groups.flatMap((group) => group.entries.map((entry) => [entry.id, entry])));
  const count = entries.size;
  const searching =
    text.trim() !== query ||
    places.isFetching ||
    organizations.isFetching ||
    (signedIn && dashboard.isPending);

  let status: ReactNode;
  if (searching && query !== '') status = t('palette.searching');
  else if (count === 0) status = t('palette.noResults', { text: query });
  else status = t('palette.results', { count });

  return (
    <ModalOverlay
      isOpen={props.isOpen}
      onOpenChange={props.onOpenChange}
      isDismissable
      className="palette-overlay"
    >
      <Modal className="palette-modal">
        <Dialog className="palette-dialog" aria-labelledby="palette-title">
          <Heading slot="title" id="palette-title" className="visually-hidden">
            {t('palette.title')}
          </Heading>
          <Autocomplete inputValue={text} onInputChange={setText}>
            <TextField aria-label={t('palette.label')} className="palette-field" autoFocus>
              <SearchIcon />
              <Input className="palette-input" placeholder={t('palette.placeholder')} />
            </TextField>
            <Menu
              aria-label={t('palette.title')}
              className="palette-menu"
              onAction={(key) => entries.get(String(key))?.run()}
              renderEmptyState={() => <p className="palette-empty">{status}</p>}
            >
              {groups.map((group) => (
                <MenuSection key={group.id} id={group.id} className="palette-section">
                  <Header className="palette-section-title">{group.title}</Header>
                  {group.entries.map((entry) => (
                    <MenuItem
                      key={entry.id}
                      id={entry.id}
                      textValue={entry.detail ? `${entry.label}, ${entry.detail}` : entry.label}
                      className="palette-item"
                    >
                      <span className="palette-item-label">{entry.label}</span>
                      {entry.detail && <span className="palette-item-detail">{entry.detail}</span>}
                    </MenuItem>
                  ))}
                </MenuSection>
              ))}
            </Menu>
          </Autocomplete>
          <footer className="palette-footer">
            <span role="status" aria-live="polite" aria-atomic="true">
              {status}
            </span>
            <span aria-hidden="true">{t('palette.hint')}</span>
          </footer>
          {!signedIn && session.isSuccess && <p className="palette-note">{t('palette.signInHint')}</p>}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
