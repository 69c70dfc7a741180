import { lazy, useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  type DoorOpenerPath,
  type DoorOpenerQuery,
  type DoorOpenerResponse,
  useDoorOpener,
} from '../../api/door-opener.ts';
import { useNetworkList } from '../../api/networks.ts';
import { type SupportRequest, useSupportRequests, useUpdateSupportRequest } from '../../api/outcomes.ts';
import { usePlace } from '../../api/places.ts';
import { useFormat } from '../../format.ts';
import { LoadNearView } from '../../map/LoadNearView.tsx';
import type { MapLine } from '../../map/MarkersMap.tsx';
import { Button } from '../../ui/Button.tsx';
import { Link } from '../../ui/Link.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { CountryField } from '../campaigns/CountryField.tsx';
import { localText } from '../networks/network-names.ts';
import { useCurrentOrganization, withOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { failureText, toastSuccess } from '../ui/failure.tsx';
import type { PlaceOnMap } from './DoorOpenerMap.tsx';
import { type ChosenPlace, PlaceSearchField } from './PlaceSearchField.tsx';
import './door-opener.css';

const DoorOpenerMap = lazy(() => import('./DoorOpenerMap.tsx'));

type TargetKind = 'place' | 'country' | 'region';
type UsKind = 'organization' | 'place' | 'network';

/** The search as the address keeps it: `target` or `targetCountry`, and `fromPlace` or `fromNetwork` (else the organisation). */
interface SearchState {
  target?: number;
  targetCountry?: string;
  /** Any place in the first-level region of this place. */
  regionOf?: number;
  fromPlace?: number;
  fromNetwork?: number;
}

/** The support request the search is for (`request` in the address): a way in can be kept as its answer. */
function useRequestToAnswer(organizationId: number | undefined, requestId: number | undefined) {
  const list = useSupportRequests(
    { organizationId, limit: 500 },
    organizationId !== undefined && requestId !== undefined,
  );
  return list.data?.items.find((item) => item.id === requestId && !item.deletedAt);
}

const idParam = (value: string | null) => {
  const id = Number(value ?? Number.NaN);
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

function readSearch(params: URLSearchParams): SearchState {
  const country = params.get('targetCountry')?.toUpperCase();
  return {
    target: idParam(params.get('target')),
    targetCountry: country && /^[A-Z]{2}$/.test(country) ? country : undefined,
    regionOf: idParam(params.get('regionOf')),
    fromPlace: idParam(params.get('fromPlace')),
    fromNetwork: idParam(params.get('fromNetwork')),
  };
}

/** The networks and working groups the organisation belongs to, by name. */
function useOurNetworks(organizationId: number | undefined, language: string) {
  const list = useNetworkList({ organizationId }, organizationId !== undefined);
  return {
    isLoading: organizationId !== undefined && list.isLoading,
    options: (list.data?.items ?? [])
      .filter((item) => item.relation?.member)
      .map((item) => ({
        id: item.id,
        label: localText(item.name, language) ?? item.shortName ?? String(item.id),
      })),
  };
}

/** The form: where to (a place or a country) and who is asking (the organisation, a place or one of its networks). */
function SearchForm(props: {
  t: WorkspaceT;
  initial: SearchState;
  names: { target?: string; fromPlace?: string; regionOf?: string };
  organization: { id: number; name: string } | undefined;
  networks: { id: number; label: string }[];
  onSearch: (search: SearchState) => void;
}) {
  const { t, initial, organization } = props;
  const [targetKind, setTargetKind] = useState<TargetKind>(
    initial.targetCountry ? 'country' : initial.regionOf !== undefined ? 'region' : 'place',
  );
  const [regionPlace, setRegionPlace] = useState<ChosenPlace | null>(
    initial.regionOf !== undefined ? { id: initial.regionOf, name: props.names.regionOf ?? '' } : null,
  );
  const [targetPlace, setTargetPlace] = useState<ChosenPlace | null>(
    initial.target !== undefined ? { id: initial.target, name: props.names.target ?? '' } : null,
  );
  const [country, setCountry] = useState<string | null>(initial.targetCountry ?? null);
  const [usKind, setUsKind] = useState<UsKind>(
    initial.fromPlace !== undefined
      ? 'place'
      : initial.fromNetwork !== undefined
        ? 'network'
        : organization
          ? 'organization'
          : 'place',
  );
  const [fromPlace, setFromPlace] = useState<ChosenPlace | null>(
    initial.fromPlace !== undefined ? { id: initial.fromPlace, name: props.names.fromPlace ?? '' } : null,
  );
  const [network, setNetwork] = useState<number | null>(initial.fromNetwork ?? null);
  const [errors, setErrors] = useState<{ target?: string; from?: string }>({});

  const submit = () => {
    const search: SearchState = {};
    if (targetKind === 'place' && targetPlace) search.target = targetPlace.id;
    if (targetKind === 'country' && country) search.targetCountry = country;
    if (targetKind === 'region' && regionPlace) search.regionOf = regionPlace.id;
    if (usKind === 'place' && fromPlace) search.fromPlace = fromPlace.id;
    if (usKind === 'network' && network !== null) search.fromNetwork = network;
    const problems = {
      target:
        search.target === undefined && search.targetCountry === undefined && search.regionOf === undefined
          ? t('doorOpener.missingTarget')
          : undefined,
      from:
        (usKind === 'place' && search.fromPlace === undefined) ||
        (usKind === 'network' && search.fromNetwork === undefined)
          ? t('doorOpener.missingFrom')
          : undefined,
    };
    setErrors(problems);
    if (problems.target || problems.from) return;
    props.onSearch(search);
  };

  return (
    <form
      className="do-form"
      aria-label={t('doorOpener.form')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <fieldset className="do-fieldset">
        <RadioGroup
          label={t('doorOpener.targetKind')}
          value={targetKind}
          onChange={(value) => setTargetKind(value as TargetKind)}
          orientation="horizontal"
        >
          <Radio value="place">{t('doorOpener.targetKinds.place')}</Radio>
          <Radio value="region">{t('doorOpener.targetKinds.region')}</Radio>
          <Radio value="country">{t('doorOpener.targetKinds.country')}</Radio>
        </RadioGroup>
        {targetKind === 'region' ? (
          <PlaceSearchField
            label={t('doorOpener.regionOf')}
            description={t('doorOpener.regionOfHint')}
            value={regionPlace}
            onChange={setRegionPlace}
            error={errors.target}
          />
        ) : targetKind === 'place' ? (
          <PlaceSearchField
            label={t('doorOpener.targetPlace')}
            description={t('doorOpener.targetPlaceHint')}
            value={targetPlace}
            onChange={setTargetPlace}
            error={errors.target}
          />
        ) : (
          <CountryField
            label={t('doorOpener.targetCountry')}
            value={country}
            onChange={setCountry}
            error={errors.target}
          />
        )}
      </fieldset>
      <fieldset className="do-fieldset">
        <RadioGroup
          label={t('doorOpener.us')}
          value={usKind}
          onChange={(value) => setUsKind(value as UsKind)}
        >
          {organization && (
            <Radio value="organization">
              {t('doorOpener.usKinds.organization', { name: organization.name })}
            </Radio>
          )}
          <Radio value="place">{t('doorOpener.usKinds.place')}</Radio>
          {organization && (
            <Radio value="network" isDisabled={props.networks.length === 0}>
              {t('doorOpener.usKinds.network')}
            </Radio>
          )}
        </RadioGroup>
        {usKind === 'place' && (
          <PlaceSearchField
            label={t('doorOpener.fromPlace')}
            value={fromPlace}
            onChange={setFromPlace}
            error={errors.from}
          />
        )}
        {usKind === 'network' && (
          <Select
            label={t('doorOpener.fromNetwork')}
            options={props.networks}
            selectedKey={network}
            onSelectionChange={(key) => setNetwork(key === null ? null : Number(key))}
            isInvalid={!!errors.from}
            errorMessage={errors.from}
            validationBehavior="aria"
          />
        )}
        {organization && props.networks.length === 0 && (
          <p className="do-hint">{t('doorOpener.noNetworks')}</p>
        )}
      </fieldset>
      <div className="do-actions">
        <Button type="submit" variant="primary">
          {t('doorOpener.search')}
        </Button>
      </div>
    </form>
  );
}

/** The distinct places of the answer with their coordinates (those without are left off the map). */
function placesOnMap(answer: DoorOpenerResponse): PlaceOnMap[] {
  const places = new Map<number, { name: string; paths: number[]; lat: number; lng: number }>();
  for (const [index, path] of answer.paths.entries())
    for (const step of path.steps)
      for (const place of [step.from, step.to]) {
        if (!place.coordinates) continue;
        const entry = places.get(place.id) ?? { name: place.name, paths: [], ...place.coordinates };
        if (!entry.paths.includes(index + 1)) entry.paths.push(index + 1);
        places.set(place.id, entry);
      }
  const ours = new Set(answer.from.places.map((place) => place.id));
  const lastSteps = new Set(answer.paths.map((path) => path.steps.at(-1)?.to.id));
  return [...places.entries()].map(([id, entry]) => {
    const isTarget =
      answer.target.type === 'place' ? answer.target.place.id === id : lastSteps.has(id) && !ours.has(id);
    return {
      id,
      name: entry.name,
      paths: entry.paths,
      role: ours.has(id) ? 'us' : isTarget ? 'target' : 'via',
      lat: entry.lat,
      lng: entry.lng,
    } satisfies PlaceOnMap;
  });
}

/** The people to ask along a way, for members of an organisation: name, post, organisation and place. */
function Contacts(props: { t: WorkspaceT; path: DoorOpenerPath }) {
  const { t, path } = props;
  if (!path.contacts || path.contacts.length === 0) return null;
  return (
    <div className="do-contacts">
      <p className="do-contacts-title">{t('doorOpener.contacts')}</p>
      <ul>
        {path.contacts.map((contact) => (
          <li key={`${contact.place.id}-${contact.person.id}-${contact.organization.id}`}>
            <strong>{contact.person.name}</strong>
            {`, ${contact.title ?? t(`postRole.${contact.role}`)}, ${contact.organization.name} (${contact.place.name})`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Keeps a way in as the answer to the support request the search was opened for, and marks the one kept. */
function KeepAsAnswer(props: {
  t: WorkspaceT;
  request: SupportRequest;
  path: DoorOpenerPath;
  number: number;
}) {
  const { t, request, path, number } = props;
  const update = useUpdateSupportRequest();
  if (request.answerPath?.sentence === path.sentence)
    return <p className="do-kept">{t('doorOpener.keptAnswer', { company: request.company.name })}</p>;
  if (!request.canEdit) return null;
  return (
    <Button
      size="s"
      variant="secondary"
      isPending={update.isPending}
      onPress={() =>
        update
          .mutateAsync({
            id: request.id,
            version: request.version,
            status: request.status === 'closed' ? 'closed' : 'answered',
            answer: path.sentence,
            // Who to ask is the reader's own view: a kept way names nobody.
            answerPath: { ...path, contacts: null },
          })
          .then(
            () => toastSuccess(t('doorOpener.answerKept', { company: request.company.name }), null),
            (error: unknown) => showToast({ title: failureText(t, error), tone: 'danger' }),
          )
      }
    >
      {t('doorOpener.keepAsAnswer', { company: request.company.name })}
      <span className="visually-hidden"> ({t('doorOpener.wayNumber', { number })})</span>
    </Button>
  );
}

/** The steps of the ways as lines between their places, each pair once. */
function linesOnMap(answer: DoorOpenerResponse): MapLine[] {
  const lines = new Map<string, MapLine>();
  for (const path of answer.paths)
    for (const step of path.steps) {
      if (!step.from.coordinates || !step.to.coordinates) continue;
      const [a, b] = [step.from.id, step.to.id].sort((x, y) => x - y);
      lines.set(`${a}-${b}`, { from: step.from.coordinates, to: step.to.coordinates });
    }
  return [...lines.values()];
}

/** The answer: the ranked ways in, each with its sentences and links, and the places on a map. */
function Answer(props: { t: WorkspaceT; answer: DoorOpenerResponse; request?: SupportRequest }) {
  const { t, answer, request } = props;
  const format = useFormat();
  const places = placesOnMap(answer);
  const targetName =
    answer.target.type === 'place'
      ? answer.target.place.name
      : answer.target.type === 'region'
        ? t('doorOpener.regionName', {
            name: answer.target.name,
            country: format.country(answer.target.country),
          })
        : format.country(answer.target.country);
  if (answer.paths.length === 0)
    return (
      <EmptyState
        title={t('doorOpener.noneTitle')}
        description={t('doorOpener.noneHint', { from: answer.from.name, target: targetName })}
      />
    );
  return (
    <>
      <p className="do-summary">
        {t('doorOpener.resultsFor', { from: answer.from.name, target: targetName })}{' '}
        {answer.total > answer.paths.length
          ? t('doorOpener.shownSome', {
              shown: format.number(answer.paths.length),
              total: format.number(answer.total),
            })
          : t('doorOpener.shownAll', { count: answer.total, total: format.number(answer.total) })}
      </p>
      <ol className="do-paths">
        {answer.paths.map((path, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the paths come ranked, and are replaced as a whole
            key={index}
            className="do-path"
            data-kind={path.kind}
          >
            <h3 className="do-path-title">
              {t('doorOpener.pathTitle', { number: index + 1, kind: t(`doorOpener.kinds.${path.kind}`) })}
            </h3>
            <ol className="do-steps">
              {path.steps.map((step, stepIndex) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a path's steps are in their order and never move
                <li key={stepIndex} className="do-step">
                  <p className="do-sentence">{step.sentence}</p>
                  <p className="do-step-links">
                    <span className="visually-hidden">{t('doorOpener.stepLinks')}: </span>
                    <Link href={`/places/${step.from.id}`}>{step.from.name}</Link>
                    {' · '}
                    <Link href={`/places/${step.to.id}`}>{step.to.name}</Link>
                    {step.type === 'tie' && (
                      <>
                        {' · '}
                        <Link href={`/partnerships/${step.tie.id}`}>
                          {t('doorOpener.tieLink', { from: step.from.name, to: step.to.name })}
                        </Link>
                      </>
                    )}
                    {step.type === 'event' && (
                      <>
                        {' · '}
                        <Link href={`/events/${step.event.id}`}>
                          {t('doorOpener.eventLink', { title: step.event.title })}
                        </Link>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ol>
            <Contacts t={t} path={path} />
            {request && <KeepAsAnswer t={t} request={request} path={path} number={index + 1} />}
          </li>
        ))}
      </ol>
      <h3 className="do-map-title">{t('doorOpener.map')}</h3>
      {places === undefined ? (
        <div className="do-map-pending" />
      ) : (
        <LoadNearView placeholderClassName="do-map-pending">
          <DoorOpenerMap t={t} places={places} lines={linesOnMap(answer)} />
        </LoadNearView>
      )}
    </>
  );
}

/**
 * The door-opener: who can open a door for us to a place or a country. The search (target and "us") lives in the
 * address, so that a search can be shared and Back returns to the one before; the answer's sentences come in the
 * interface language.
 */
export function DoorOpenerPage() {
  const { t, ready, language } = useWorkspaceTexts();
  const [params, setParams] = useSearchParams();
  const organization = useCurrentOrganization();
  const search = readSearch(params);
  const targetPlace = usePlace(search.target);
  const fromPlace = usePlace(search.fromPlace);
  const regionPlace = usePlace(search.regionOf);
  const networks = useOurNetworks(organization.id, language);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  const [focusResults, setFocusResults] = useState(false);
  const headingId = useId();

  const query: DoorOpenerQuery = {
    target: search.target,
    targetCountry: search.target === undefined ? search.targetCountry : undefined,
    targetRegion:
      search.target === undefined && search.targetCountry === undefined
        ? (regionPlace.data?.region ?? undefined)
        : undefined,
    lang: language === 'fi' || language === 'sv' ? language : 'en',
  };
  if (search.fromPlace !== undefined) query.fromPlace = search.fromPlace;
  else if (search.fromNetwork !== undefined) query.fromNetwork = search.fromNetwork;
  else query.fromOrganization = organization.id;
  const answer = useDoorOpener(query);
  const request = useRequestToAnswer(organization.id, idParam(params.get('request')));

  useEffect(() => {
    if (!focusResults) return;
    resultsHeading.current?.focus();
    setFocusResults(false);
  }, [focusResults]);

  const namesReady =
    (search.target === undefined || !targetPlace.isPending) &&
    (search.fromPlace === undefined || !fromPlace.isPending) &&
    (search.regionOf === undefined || !regionPlace.isPending) &&
    !networks.isLoading;
  const asked =
    query.fromOrganization !== undefined || query.fromPlace !== undefined || query.fromNetwork !== undefined;
  const hasTarget =
    query.target !== undefined || query.targetCountry !== undefined || query.targetRegion !== undefined;
  const regionUnknown =
    query.target === undefined && query.targetCountry === undefined && regionPlace.data?.region === null;

  if (!ready) return <Skeleton lines={4} />;
  const organizationChoice =
    organization.id !== undefined && organization.name !== undefined
      ? { id: organization.id, name: organization.name }
      : undefined;

  return (
    <section className="do-page" aria-labelledby={headingId}>
      <div className="ws-page-header">
        <h1 id={headingId}>{t('doorOpener.title')}</h1>
      </div>
      <p className="do-intro">{t('doorOpener.intro')}</p>
      {request && (
        <p className="do-request">
          {t('doorOpener.forRequest', {
            company: request.company.name,
            need: t(`outcomes.needs.${request.need}`),
          })}{' '}
          <Link href={withOrganization('/workspace/support-requests', organization.id)}>
            {t('doorOpener.backToRequests')}
          </Link>
        </p>
      )}
      {namesReady ? (
        <SearchForm
          key={params.toString()}
          t={t}
          initial={search}
          names={{
            target: targetPlace.data?.name,
            fromPlace: fromPlace.data?.name,
            regionOf: regionPlace.data?.name,
          }}
          organization={organizationChoice}
          networks={networks.options}
          onSearch={(chosen) => {
            const next = new URLSearchParams(params);
            for (const name of ['target', 'targetCountry', 'regionOf', 'fromPlace', 'fromNetwork'])
              next.delete(name);
            for (const [name, value] of Object.entries(chosen))
              if (value !== undefined) next.set(name, String(value));
            setParams(next);
            setFocusResults(true);
          }}
        />
      ) : (
        <Skeleton lines={3} />
      )}
      <section className="do-results" aria-labelledby={`${headingId}-results`}>
        <h2 id={`${headingId}-results`} ref={resultsHeading} tabIndex={-1}>
          {t('doorOpener.results')}
        </h2>
        {regionUnknown ? (
          <EmptyState
            title={t('doorOpener.regionUnknownTitle')}
            description={t('doorOpener.regionUnknownHint', { name: regionPlace.data?.name ?? '' })}
          />
        ) : !hasTarget || !asked ? (
          <EmptyState title={t('doorOpener.emptyTitle')} description={t('doorOpener.emptyHint')} />
        ) : answer.isPending ? (
          <Skeleton lines={5} label={t('doorOpener.loading')} />
        ) : answer.isError ? (
          <ErrorState
            title={t('doorOpener.errorTitle')}
            message={failureText(t, answer.error)}
            onRetry={() => void answer.refetch()}
            isRetrying={answer.isFetching}
          />
        ) : (
          <Answer t={t} answer={answer.data} request={request} />
        )}
      </section>
    </section>
  );
}
