import { useMemo } from 'react';
import MarkersMap, { type MapMarker, type MarkerLook } from '../../map/MarkersMap.tsx';
import type { WorkspaceT } from '../texts.ts';
import { type Language, pick } from './campaign-model.ts';
import type { CampaignQuestion, CampaignResults } from './campaigns-api.ts';
import { categoryOf, type MapCategory, mapCategories, markerOf, NONE, resultsCamera } from './results-map.ts';

type MemberRow = CampaignResults['rows'][number];

/** A member's marker, with the member's row and the name of its answer. */
interface MemberMarker extends MapMarker {
  row: MemberRow;
  answer: string;
}

/**
 * The members that submitted on a map, each marked by its answer to the chosen question with a shape and a colour of
 * its own (no answer: a cross), with a legend that counts each answer and names it; focusing, pointing at or clicking
 * a marker shows the member's name and answer. The members' table below is the map's text alternative.
 */
export default function ResultsMap(props: {
  t: WorkspaceT;
  question: CampaignQuestion;
  rows: MemberRow[];
  language: Language;
}) {
  const { t, question, rows, language } = props;

  const categories = useMemo<MapCategory[]>(() => {
    const list = (mapCategories(question, language) ?? []).map((category) =>
      question.type === 'yes_no'
        ? {
            ...category,
            label: category.key === 'yes' ? t('campaigns.answer.yes') : t('campaigns.answer.no'),
          }
        : category,
    );
    return [...list, { key: NONE, label: t('campaigns.results.noAnswer') }];
  }, [question, language, t]);
  /** A category's marker and name, by its key; an answer the question no longer offers counts as no answer. */
  const byKey = useMemo(
    () =>
      new Map(
        categories.map((category, index) => {
          const { shape, colour } = markerOf(index, category.key);
          const look: MarkerLook = { shape: shape.name, kind: shape.kind, path: shape.path, color: colour };
          return [category.key, { label: category.label, look }];
        }),
      ),
    [categories],
  );
  const categoryFor = (row: MemberRow) => {
    const key = categoryOf(row.answers[question.key]);
    return { key, ...(byKey.get(key) ?? byKey.get(NONE)!) };
  };

  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = categoryOf(row.answers[question.key]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const markers: MemberMarker[] = rows.flatMap((row) => {
    if (!row.place) return [];
    const category = categoryFor(row);
    return [
      {
        key: String(row.organization.id),
        lng: row.place.lng,
        lat: row.place.lat,
        label: t('campaigns.results.marker', { name: row.organization.name, answer: category.label }),
        look: category.look,
        data: { 'data-category': category.key },
        row,
        answer: category.label,
      },
    ];
  });
  const unplaced = rows.length - markers.length;

  return (
    <MarkersMap
      name="cp-results"
      testId="results-map"
      markers={markers}
      camera={resultsCamera}
      legend={{
        title: t('campaigns.results.legend', { name: pick(question.label, language) }),
        entries: categories.map((category) => ({
          key: category.key,
          label: category.label,
          count: counts.get(category.key) ?? 0,
          look: byKey.get(category.key)!.look,
        })),
      }}
      note={
        <>
          {unplaced > 0 && `${t('campaigns.results.unplaced', { count: unplaced })} `}
          {t('campaigns.results.mapTable')}
        </>
      }
      popup={({ row, answer }) => (
        <>
          <strong>{row.organization.name}</strong>
          <span>{answer}</span>
        </>
      )}
      texts={{
        label: t('campaigns.results.mapLabel'),
        canvas: t('campaigns.results.mapCanvas'),
        loading: t('campaigns.results.mapLoading'),
        unavailable: t('campaigns.results.mapUnavailable'),
        zoomIn: t('campaigns.results.zoomIn'),
        zoomOut: t('campaigns.results.zoomOut'),
        ctrlScroll: t('campaigns.results.ctrlScroll'),
        cmdScroll: t('campaigns.results.cmdScroll'),
        twoFingers: t('campaigns.results.twoFingers'),
      }}
    />
  );
}
