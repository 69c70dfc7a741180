/**
 * What a story is about: the places, ties, events, outcomes and networks it links to, each picked by name and shown
 * as a chip that takes it off again. The links belong to the story, so every language version shows the same ones.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ArticleLinks } from '../../api/articles.ts';
import { getJson } from '../../api/client.ts';
import { useEvent, useEvents } from '../../api/events.ts';
import { useNetworkList, useNetworkRecord } from '../../api/networks.ts';
import { type Outcome, useOutcomes } from '../../api/outcomes.ts';
import { partnersQuery, usePlace, usePlaceName, usePlaceSearch } from '../../api/places.ts';
import { useDashboard } from '../../api/workspace.ts';
import { countryName } from '../../format.ts';
import { pickText } from '../../pages/EventPage.localized.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { CloseIcon } from '../../ui/icons.tsx';
import type { WorkspaceT } from '../texts.ts';

export const LINK_TYPES = ['place', 'partnership', 'event', 'outcome', 'network'] as const;
export type LinkType = (typeof LINK_TYPES)[number];

/** Where each type's ids are in the story's links. */
export const LINK_KEYS = {
  place: 'placeIds',
  partnership: 'partnershipIds',
  event: 'eventIds',
  outcome: 'outcomeIds',
  network: 'networkIds',
} as const satisfies Record<LinkType, keyof ArticleLinks>;

export const NO_LINKS: ArticleLinks = {
  placeIds: [],
  partnershipIds: [],
  eventIds: [],
  outcomeIds: [],
  networkIds: [],
};

/** The story's links with one record added (at the end) or taken off. */
export function withLink(links: ArticleLinks, type: LinkType, id: number, add: boolean): ArticleLinks {
  const key = LINK_KEYS[type];
  const others = links[key].filter((other) => other !== id);
  return { ...links, [key]: add ? [...others, id] : others };
}

/**
 * The ids the API refused, by type: its errors name them by their place in the list sent
 * (`links.placeIds.0`), which is the list shown until the next save.
 */
export function refusedLinks(links: ArticleLinks, errors: Record<string, string>): Set<string> {
  const refused = new Set<string>();
  for (const type of LINK_TYPES)
    for (const [index, id] of links[LINK_KEYS[type]].entries())
      if (errors[`links.${LINK_KEYS[type]}.${index}`] !== undefined) refused.add(`${type}:${id}`);
  return refused;
}

/** Lower-case letters without their accents, for matching what is typed ("malmo" finds Malmö). */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();

/** A record offered in a picker. */
interface Candidate {
  id: number;
  label: string;
  description?: string;
}

/** At most this many of a list are offered at once: typing narrows them. */
const OFFERED = 20;

/**
 * What a picker offers for the text typed: places by name (the registry's search); the published ties of the
 * organisation and of the places chosen; published events, outcomes and networks the user may read. A list loads
 * once its picker is first used.
 */
function useCandidates(
  type: LinkType,
  text: string,
  active: boolean,
  organizationId: number | undefined,
  placeIds: readonly number[],
): { candidates: Candidate[]; loading: boolean } {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const placeName = usePlaceName();
  const query = text.trim();
  const places = usePlaceSearch(type === 'place' ? query : '');
  const dashboard = useDashboard(organizationId, active && type === 'partnership');
  const partners = useQueries({
    queries: placeIds.map((id) => ({ ...partnersQuery(id), enabled: active && type === 'partnership' })),
  });
  const events = useEvents({ when: 'all', limit: 200 }, active && type === 'event');
  const outcomes = useOutcomes({ limit: 500 }, active && type === 'outcome');
  const networks = useNetworkList({ limit: 500 }, active && type === 'network');
  const candidates = ((): Candidate[] => {
    const matching = (list: Candidate[]) => {
      const words = folded(query).split(/\s+/).filter(Boolean);
      return list
        .filter((candidate) => {
          const haystack = folded(`${candidate.label} ${candidate.description ?? ''}`);
          return words.every((word) => haystack.includes(word));
        })
        .slice(0, OFFERED);
    };
    switch (type) {
      case 'place':
        return (places.data?.results ?? []).map((place) => {
          const name = placeName(place.id, place.name);
          const country = countryName(place.country, language);
          return {
            id: place.id,
            label: name,
            description: place.matchedName !== name ? `${place.matchedName} · ${country}` : country,
          };
        });
      case 'partnership': {
        const ties = new Map<number, Candidate>();
        for (const found of partners.map((partner) => partner.data)) {
          if (!found) continue;
          const place = placeName(found.place.id, found.place.name);
          for (const partner of found.partners)
            ties.set(partner.partnershipId, {
              id: partner.partnershipId,
              label: `${place} – ${placeName(partner.place.id, partner.place.name)}`,
              description: t(`kind.${partner.kind}`),
            });
        }
        for (const tie of dashboard.data?.ties ?? [])
          if (tie.visibility === 'published' && !ties.has(tie.id))
            ties.set(tie.id, { id: tie.id, label: tie.partners, description: t(`kind.${tie.kind}`) });
        return matching([...ties.values()]);
      }
      case 'event':
        return matching(
          (events.data?.items ?? [])
            .filter((event) => event.visibility === 'published')
            .map((event) => ({
              id: event.id,
              label: pickText(event.title, language)?.text ?? `#${event.id}`,
              description: new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(
                new Date(event.startsAt),
              ),
            })),
        );
      case 'outcome':
        return matching(
          (outcomes.data?.items ?? [])
            .filter((outcome) => outcome.visibility === 'published' && !outcome.deletedAt)
            .map((outcome) => ({
              id: outcome.id,
              label: pickText(outcome.title, language)?.text ?? `#${outcome.id}`,
              description: outcome.achievedOn,
            })),
        );
      case 'network':
        return matching(
          (networks.data?.items ?? [])
            .filter((network) => network.visibility === 'published')
            .map((network) => ({
              id: network.id,
              label: pickText(network.name, language)?.text ?? network.shortName ?? `#${network.id}`,
              description: network.shortName ?? undefined,
            })),
        );
    }
  })();
  const loading =
    type === 'place'
      ? places.isFetching
      : type === 'partnership'
        ? dashboard.isFetching || partners.some((partner) => partner.isFetching)
        : (type === 'event' ? events : type === 'outcome' ? outcomes : networks).isFetching;
  return { candidates, loading };
}

/** A tie's parties as the public registry names them (the article's page asks the same). */
type PublicTie = { parties: { id: number; name: string }[] };

/** What a linked record is called, read from its own record; undefined while it loads, null when it is gone. */
function useLinkName(type: LinkType, id: number): { text: string; lang?: string } | null | undefined {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const placeName = usePlaceName();
  const place = usePlace(type === 'place' ? id : undefined);
  const tie = useQuery({
    queryKey: ['partnerships', 'public-name', id],
    queryFn: ({ signal }) => getJson<PublicTie>(`/api/partnerships/${id}`, undefined, signal),
    enabled: type === 'partnership',
    retry: false,
  });
  const event = useEvent(type === 'event' ? id : undefined);
  const outcome = useQuery({
    queryKey: ['outcomes', 'detail', id],
    queryFn: ({ signal }) => getJson<Outcome>(`/api/outcomes/${id}`, undefined, signal),
    enabled: type === 'outcome',
    retry: false,
  });
  const network = useNetworkRecord(type === 'network' ? id : undefined);
  switch (type) {
    case 'place':
      if (place.isError) return null;
      return place.data && { text: placeName(id, place.data.name) };
    case 'partnership':
      if (tie.isError) return null;
      return (
        tie.data && { text: tie.data.parties.map((party) => placeName(party.id, party.name)).join(' – ') }
      );
    case 'event':
      if (event.isError) return null;
      return event.data && (pickText(event.data.title, language) ?? { text: `#${id}` });
    case 'outcome':
      if (outcome.isError) return null;
      return outcome.data && (pickText(outcome.data.title, language) ?? { text: `#${id}` });
    case 'network':
      if (network.isError) return null;
      return (
        network.data &&
        (pickText(network.data.name, language) ?? { text: network.data.shortName ?? `#${id}` })
      );
  }
}

/** One linked record: its name (as its record has it, else as it was picked) and a button that takes it off. */
function Chip(props: {
  t: WorkspaceT;
  type: LinkType;
  id: number;
  picked: string | undefined;
  refused: boolean;
  onRemove: (name: string) => void;
}) {
  const { t, type, id } = props;
  const { i18n } = useTranslation();
  const errorId = useId();
  const found = useLinkName(type, id);
  const name =
    found?.text ??
    props.picked ??
    (found === null ? t('articles.links.unknown', { id }) : t('articles.links.loadingName'));
  return (
    <li className={`article-chip${props.refused ? ' is-invalid' : ''}`}>
      <span lang={found?.lang && found.lang !== i18n.language ? found.lang : undefined}>{name}</span>
      {props.refused && (
        <span id={errorId} className="article-chip-error">
          {t('articles.links.refused')}
        </span>
      )}
      <Button
        variant="quiet"
        size="s"
        data-remove=""
        aria-label={t('articles.links.remove', { name })}
        aria-describedby={props.refused ? errorId : undefined}
        onPress={() => props.onRemove(name)}
      >
        <CloseIcon />
      </Button>
    </li>
  );
}

/**
 * One type's picker and its chips. Once a record is picked the box starts afresh, keeping the focus, for the next
 * one; once one is taken off, the focus goes to the chip after it (else before it, else the box).
 */
function LinkPicker(props: {
  t: WorkspaceT;
  type: LinkType;
  chosen: readonly number[];
  picked: ReadonlyMap<string, string>;
  refused: ReadonlySet<string>;
  organizationId: number | undefined;
  placeIds: readonly number[];
  onAdd: (id: number, name: string) => void;
  onRemove: (id: number, name: string) => void;
}) {
  const { t, type } = props;
  const [text, setText] = useState('');
  const [active, setActive] = useState(false);
  const [round, setRound] = useState(0);
  const holder = useRef<HTMLDivElement>(null);
  const listId = useId();
  const { candidates, loading } = useCandidates(type, text, active, props.organizationId, props.placeIds);
  const offered = candidates.filter((candidate) => !props.chosen.includes(candidate.id));
  const focusLater = (find: (holder: HTMLDivElement) => HTMLElement | null | undefined) =>
    requestAnimationFrame(() => {
      if (holder.current) find(holder.current)?.focus();
    });
  return (
    <div ref={holder} className="article-link-picker">
      <ComboBox
        key={round}
        label={t(`articles.links.types.${type}`)}
        description={t(`articles.links.hints.${type}`)}
        options={offered}
        filtered={offered}
        loading={loading}
        onFocus={() => setActive(true)}
        inputValue={text}
        onInputChange={setText}
        // Open on demand (Alt+Down, the button) even while the list loads or nothing matches: it says so.
        allowsEmptyCollection
        onSelectionChange={(key: Key | null) => {
          const chosen = offered.find((candidate) => candidate.id === key);
          if (!chosen) return;
          props.onAdd(chosen.id, chosen.label);
          setText('');
          setRound(round + 1);
          focusLater((element) => element.querySelector('input'));
        }}
      />
      {props.chosen.length > 0 && (
        <ul id={listId} className="article-chips" aria-label={t(`articles.links.chosen.${type}`)}>
          {props.chosen.map((id, index) => (
            <Chip
              key={id}
              t={t}
              type={type}
              id={id}
              picked={props.picked.get(`${type}:${id}`)}
              refused={props.refused.has(`${type}:${id}`)}
              onRemove={(name) => {
                props.onRemove(id, name);
                focusLater((element) => {
                  const buttons = element.querySelectorAll<HTMLElement>('[data-remove]');
                  return buttons.length > 0
                    ? buttons[Math.min(index, buttons.length - 1)]
                    : element.querySelector('input');
                });
              }}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

/** The story's links: a picker per type of record, each with the records chosen; saved with the article. */
export function StoryLinksField(props: {
  t: WorkspaceT;
  value: ArticleLinks;
  onChange: (links: ArticleLinks) => void;
  /** The organisation of the article's series: its ties are offered. */
  organizationId: number | undefined;
  /** The API's errors of the last save, by field (`links.placeIds.0`). */
  errors: Record<string, string>;
  /** The story has other language versions, which show the same links. */
  shared: boolean;
}) {
  const { t, value } = props;
  const hintId = useId();
  // The names records were picked by, shown until their own records are read.
  const [picked, setPicked] = useState<ReadonlyMap<string, string>>(new Map());
  const [said, setSaid] = useState('');
  const refused = refusedLinks(value, props.errors);
  const general = props.errors.links;
  return (
    <fieldset className="article-links" aria-describedby={hintId}>
      <legend>{t('articles.links.legend')}</legend>
      <p id={hintId} className="article-muted article-hint">
        {t('articles.links.hint')} {props.shared && t('articles.links.shared')}
      </p>
      <div className="article-link-pickers">
        {LINK_TYPES.map((type) => (
          <LinkPicker
            key={type}
            t={t}
            type={type}
            chosen={value[LINK_KEYS[type]]}
            picked={picked}
            refused={refused}
            organizationId={props.organizationId}
            placeIds={value.placeIds}
            onAdd={(id, name) => {
              setPicked(new Map(picked).set(`${type}:${id}`, name));
              props.onChange(withLink(value, type, id, true));
              setSaid(t('articles.links.added', { name }));
            }}
            onRemove={(id, name) => {
              props.onChange(withLink(value, type, id, false));
              setSaid(t('articles.links.removed', { name }));
            }}
          />
        ))}
      </div>
      {general && <p className="form-error">{general}</p>}
      {/* What was added or taken off, said to screen readers (the chip appears or goes elsewhere on the page). */}
      <p role="status" className="visually-hidden">
        {said}
      </p>
    </fieldset>
  );
}
