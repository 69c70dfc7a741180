import { type ReactNode, type Ref, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import {
  type DuplicatePlace,
  type PlaceDuplicate,
  useMarkDuplicateDistinct,
  useMergeDuplicate,
} from '../../api/duplicates.ts';
import { useUndoMerge } from '../../api/merges.ts';
import { countryName } from '../../format.ts';
import { Button, type ButtonVariant } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { Link } from '../../ui/Link.tsx';
import type { ToastContent } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText, type SuccessToast, toastSuccess, undoAction } from '../ui/failure.tsx';

export interface PairCardProps {
  t: WorkspaceT;
  pair: PlaceDuplicate;
  /** A decision on the pair went through: the pair leaves this list, and the page moves the focus on. */
  onDecided: () => void;
  /** The pair had been decided already (409): the page says so and shows the list as it is now. */
  onConflict: () => void;
  /** The pair's heading, which takes the focus when the pair before it leaves the list. */
  headingRef?: Ref<HTMLHeadingElement>;
}

/** How far apart the two lie, in the interface language ("17.3 km"). */
function distanceText(language: string, km: number): string {
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: km < 10 ? 1 : 0,
  }).format(km);
}

const dateText = (language: string, iso: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));

/** One place of the pair: its name (to its page), what the finder or the merge made of it, and its facts. */
function PlaceSide(props: {
  t: WorkspaceT;
  pair: PlaceDuplicate;
  place: DuplicatePlace;
  other: DuplicatePlace;
  action: ReactNode;
}) {
  const { t, pair, place, other } = props;
  const { t: common, i18n } = useTranslation();
  const language = i18n.language;
  const numbers = new Intl.NumberFormat(language);
  const none = <span className="dp-none">{t('duplicates.place.none')}</span>;
  let mark: { text: string; tone: 'keep' | 'gone' } | null = null;
  if (pair.status === 'pending' && pair.suggestedIntoId === place.id)
    mark = { text: t('duplicates.suggested'), tone: 'keep' };
  if (pair.status === 'merged')
    mark =
      place.mergedIntoId === null
        ? { text: t('duplicates.kept'), tone: 'keep' }
        : { text: t('duplicates.mergedAway', { name: other.name }), tone: 'gone' };
  return (
    <section className="dp-place" data-suggested={mark?.tone === 'keep' || undefined}>
      <h4 className="dp-place-name">
        <Link href={`/places/${place.id}`}>{place.name}</Link>
      </h4>
      {mark && (
        <p className="dp-mark" data-tone={mark.tone}>
          {mark.text}
        </p>
      )}
      <DescriptionList
        className="dp-facts"
        items={[
          { id: 'kind', label: t('duplicates.place.kind'), value: common(`placeKind.${place.kind}`) },
          {
            id: 'country',
            label: t('duplicates.place.country'),
            value: `${countryName(place.country, language)} (${place.country})`,
          },
          // Only districts have a city; said for both sides when either has one.
          {
            id: 'parent',
            label: t('duplicates.place.parent'),
            value: place.parentName ?? (other.parentName === null ? null : none),
          },
          {
            id: 'partners',
            label: t('duplicates.place.partners'),
            value: numbers.format(place.partnerCount),
          },
          {
            id: 'wikidata',
            label: t('duplicates.place.wikidata'),
            value: place.wikidataQid ? (
              <Link href={`https://www.wikidata.org/wiki/${place.wikidataQid}`} rel="external">
                {place.wikidataQid}
              </Link>
            ) : (
              none
            ),
          },
          {
            id: 'geonames',
            label: t('duplicates.place.geonames'),
            value:
              place.geonamesId !== null ? (
                <Link href={`https://www.geonames.org/${place.geonamesId}`} rel="external">
                  {String(place.geonamesId)}
                </Link>
              ) : (
                none
              ),
          },
          {
            id: 'sources',
            label: t('duplicates.place.sources'),
            // One a line: a source's own name may hold commas.
            value:
              place.sources.length > 0 ? (
                <ul className="dp-sources">
                  {place.sources.map((source) => (
                    <li key={source}>{source}</li>
                  ))}
                </ul>
              ) : (
                none
              ),
          },
          { id: 'id', label: t('duplicates.place.id'), value: String(place.id) },
        ]}
      />
      {props.action && <div className="dp-place-action">{props.action}</div>}
    </section>
  );
}

/**
 * A pair of places the finder took for one place, side by side: why it paired them, how far apart they lie and
 * which one it would keep. A waiting pair is decided here (keep one side, or "not the same"); a merged one can be
 * parted again. Buttons say which place they are about to screen readers, and all wait while one write runs.
 */
export function PairCard({ t, pair, onDecided, onConflict, headingRef }: PairCardProps) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const merge = useMergeDuplicate();
  const distinct = useMarkDuplicateDistinct();
  const undo = useUndoMerge();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const headingId = useId();
  const [first, second] = pair.places;
  if (!first || !second) return null;
  const names = { first: first.name, second: second.name };
  // Two records of one name are told apart by their ids.
  const sideName = (place: DuplicatePlace) =>
    first.name === second.name ? `${place.name}, ${t('duplicates.place.id')} ${place.id}` : place.name;

  /** Makes one write: a toast when it went through, the reason beside the buttons when not. */
  const run = async <Result,>(key: string, write: () => Promise<Result>, success: SuccessToast<Result>) => {
    setFailure(null);
    setBusy(key);
    try {
      const result = await write();
      toastSuccess(success, result);
      onDecided();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onConflict();
      else setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const button = (key: string, variant: ButtonVariant, label: ReactNode, onPress: () => void) => (
    <Button
      variant={variant}
      size="s"
      isPending={busy === key}
      isDisabled={busy !== null && busy !== key}
      onPress={onPress}
    >
      {label}
    </Button>
  );

  const keep = (place: DuplicatePlace, other: DuplicatePlace) =>
    pair.status === 'pending'
      ? button(
          `keep-${place.id}`,
          pair.suggestedIntoId === place.id ? 'primary' : 'secondary',
          <>
            {t('duplicates.keep')}
            <span className="visually-hidden"> ({sideName(place)})</span>
          </>,
          () =>
            void run(
              `keep-${place.id}`,
              () => merge.mutateAsync({ id: pair.id, intoId: place.id }),
              (decision): ToastContent => {
                const title = t('duplicates.mergedToast', { kept: place.name, gone: other.name });
                const mergeId = decision.mergeId;
                return mergeId === null
                  ? { title, tone: 'success' }
                  : {
                      title,
                      tone: 'success',
                      action: undoAction(t, () => undo.mutateAsync(mergeId), t('duplicates.undone', names)),
                    };
              },
            ),
        )
      : null;

  const mergeId = pair.mergeId;
  const decided =
    pair.decidedAt === null
      ? null
      : pair.status === 'merged'
        ? t('duplicates.mergedOn', { date: dateText(language, pair.decidedAt) })
        : mergeId !== null
          ? t('duplicates.undoneOn', { date: dateText(language, pair.decidedAt) })
          : t('duplicates.distinctOn', { date: dateText(language, pair.decidedAt) });

  return (
    <article className="dp-pair" aria-labelledby={headingId}>
      <header className="dp-pair-header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="dp-pair-title">
          {t('duplicates.pairName', names)}
        </h3>
        <p className="dp-pair-meta">
          <span>
            {pair.distanceKm === null
              ? t('duplicates.noDistance')
              : t('duplicates.distance', { distance: distanceText(language, pair.distanceKm) })}
          </span>
          <span>{t(`duplicates.confidence.${pair.confidence}`)}</span>
          <span>{t('duplicates.foundOn', { date: dateText(language, pair.createdAt) })}</span>
          {decided && <span>{decided}</span>}
        </p>
        <div className="dp-reasons">
          <span className="dp-reasons-label" id={`${headingId}-reasons`}>
            {t('duplicates.reasons')}
          </span>
          <ul aria-labelledby={`${headingId}-reasons`}>
            {pair.reasons.map((reason) => (
              <li key={reason}>{t(`duplicates.reason.${reason}`)}</li>
            ))}
          </ul>
        </div>
      </header>
      <div className="dp-sides">
        <PlaceSide t={t} pair={pair} place={first} other={second} action={keep(first, second)} />
        <PlaceSide t={t} pair={pair} place={second} other={first} action={keep(second, first)} />
      </div>
      {(pair.status === 'pending' || (pair.status === 'merged' && mergeId !== null) || failure !== null) && (
        <footer className="dp-pair-actions">
          {pair.status === 'pending' &&
            button(
              'distinct',
              'secondary',
              <>
                {t('duplicates.distinct')}
                <span className="visually-hidden"> ({t('duplicates.pairName', names)})</span>
              </>,
              () =>
                void run(
                  'distinct',
                  () => distinct.mutateAsync(pair.id),
                  t('duplicates.distinctToast', names),
                ),
            )}
          {pair.status === 'merged' &&
            mergeId !== null &&
            button(
              'undo',
              'secondary',
              <>
                {t('duplicates.undo')}
                <span className="visually-hidden"> ({t('duplicates.pairName', names)})</span>
              </>,
              () => void run('undo', () => undo.mutateAsync(mergeId), t('duplicates.undone', names)),
            )}
          {failure !== null && (
            <span role="alert" className="form-error">
              {failureText(t, failure)}
            </span>
          )}
        </footer>
      )}
    </article>
  );
}
