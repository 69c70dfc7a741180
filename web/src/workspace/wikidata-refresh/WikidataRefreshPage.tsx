import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import {
  useApplyRefreshDiff,
  useMakeRefreshDiff,
  useRefreshDiff,
  useRefreshDiffs,
  type WikidataRefreshChangedPlace,
  type WikidataRefreshDiff,
  type WikidataRefreshField,
  type WikidataRefreshGoneTie,
  type WikidataRefreshNewTie,
  type WikidataRefreshSummary,
} from '../../api/wikidata-refresh.ts';
import { Button } from '../../ui/Button.tsx';
import { type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { EmptyState, ErrorState } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ActionButton, failureText } from '../ui/failure.tsx';
import './wikidata-refresh.css';

type Place = WikidataRefreshNewTie['places'][number];
type Values = WikidataRefreshChangedPlace['before'];

const placeName = (place: Place) =>
  `${place.name} (${[place.qid, place.country].filter(Boolean).join(', ')})`;
const recordText = (record: string) => record.replace('\t', ' → ');

function fieldText(values: Values, field: WikidataRefreshField): string {
  switch (field) {
    case 'name':
      return values.name;
    case 'country':
      return values.country;
    case 'coordinates':
      return values.lat === null ? '–' : `${values.lat}, ${values.lng}`;
  }
}

/** The two files of a newer extract, chosen and sent; a refusal is said beside the form. */
function UploadForm({ t, onMade }: { t: WorkspaceT; onMade: (diff: WikidataRefreshDiff) => void }) {
  const make = useMakeRefreshDiff();
  const [files, setFiles] = useState<{ nodes?: File; links?: File }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ids = { heading: useId(), nodes: useId(), links: useId(), hint: useId(), problem: useId() };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!files.nodes || !files.links) {
      setProblem(t('refresh.upload.missing'));
      formRef.current?.querySelector<HTMLInputElement>('input[type="file"]')?.focus();
      return;
    }
    setProblem(null);
    try {
      const diff = await make.mutateAsync({ nodes: files.nodes, links: files.links });
      showToast({ title: t('refresh.upload.made'), tone: 'success' });
      onMade(diff);
    } catch (failure) {
      setProblem(failureText(t, failure));
    }
  };

  const fileField = (name: 'nodes' | 'links') => (
    <div className="cb-file-field">
      <label htmlFor={ids[name]}>{t(`refresh.upload.${name}`)}</label>
      <input
        id={ids[name]}
        type="file"
        accept=".tsv,.txt,text/tab-separated-values,text/plain"
        required
        aria-describedby={problem ? `${ids.hint} ${ids.problem}` : ids.hint}
        aria-invalid={problem && !files[name] ? true : undefined}
        disabled={make.isPending}
        onChange={(change) => {
          const file = change.target.files?.[0];
          setFiles((before) => ({ ...before, [name]: file }));
          setProblem(null);
        }}
      />
    </div>
  );

  return (
    <section className="panel" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t('refresh.upload.heading')}</h2>
      <form ref={formRef} className="wr-upload" onSubmit={(event) => void submit(event)} noValidate>
        <p id={ids.hint} className="cb-description">
          {t('refresh.upload.hint')}
        </p>
        {fileField('nodes')}
        {fileField('links')}
        {problem && (
          <p id={ids.problem} role="alert" className="form-error">
            {problem}
          </p>
        )}
        <Button type="submit" variant="primary" isPending={make.isPending}>
          {t('refresh.upload.submit')}
        </Button>
      </form>
    </section>
  );
}

function NewTable({ t, rows }: { t: WorkspaceT; rows: WikidataRefreshNewTie[] }) {
  const columns: DataColumn<WikidataRefreshNewTie>[] = [
    {
      id: 'places',
      header: t('refresh.places'),
      value: (entry) => entry.places.map(placeName).join(' – '),
      required: true,
      filter: 'text',
    },
    {
      id: 'known',
      header: t('refresh.new.known'),
      value: (entry) =>
        entry.places.every((place) => place.placeId !== null)
          ? t('refresh.new.allKnown')
          : t('refresh.new.someNew'),
    },
    {
      id: 'action',
      header: t('refresh.applying'),
      value: (entry) => t(`refresh.new.${entry.action}`),
      cell: (entry) =>
        entry.tieId === null ? (
          t(`refresh.new.${entry.action}`)
        ) : (
          <Link to={`/partnerships/${entry.tieId}`}>{t(`refresh.new.${entry.action}`)}</Link>
        ),
    },
    {
      id: 'records',
      header: t('refresh.records'),
      value: (entry) => entry.records.map(recordText).join('; '),
    },
  ];
  return (
    <DataTable
      caption={t('refresh.new.heading', { count: rows.length })}
      rows={rows}
      columns={columns}
      rowId={(entry) => entry.records.join(' ')}
      urlPrefix="new"
      fileName="wikidata-refresh-new"
      emptyState={<EmptyState title={t('refresh.none')} />}
    />
  );
}

function GoneTable({ t, rows }: { t: WorkspaceT; rows: WikidataRefreshGoneTie[] }) {
  const columns: DataColumn<WikidataRefreshGoneTie>[] = [
    {
      id: 'places',
      header: t('refresh.places'),
      value: (entry) => entry.places.map(placeName).join(' – '),
      cell: (entry) => (
        <Link to={`/partnerships/${entry.tieId}`}>{entry.places.map(placeName).join(' – ')}</Link>
      ),
      required: true,
      filter: 'text',
    },
    {
      id: 'others',
      header: t('refresh.gone.otherSources'),
      value: (entry) =>
        entry.otherSources.length > 0 ? entry.otherSources.join(', ') : t('refresh.gone.noOther'),
    },
    {
      id: 'work',
      header: t('refresh.gone.userWork'),
      value: (entry) =>
        entry.userWork.length > 0
          ? entry.userWork.map((work) => t(`refresh.work.${work}`)).join(', ')
          : t('refresh.gone.noWork'),
    },
    {
      id: 'action',
      header: t('refresh.applying'),
      value: (entry) =>
        t(`refresh.gone.${entry.action}`) + (entry.deleted ? ` (${t('refresh.gone.deleted')})` : ''),
    },
    {
      id: 'records',
      header: t('refresh.records'),
      value: (entry) => entry.records.map(recordText).join('; '),
    },
  ];
  return (
    <DataTable
      caption={t('refresh.gone.heading', { count: rows.length })}
      rows={rows}
      columns={columns}
      rowId={(entry) => String(entry.tieId)}
      urlPrefix="gone"
      fileName="wikidata-refresh-gone"
      emptyState={<EmptyState title={t('refresh.none')} />}
    />
  );
}

function ChangedTable({ t, rows }: { t: WorkspaceT; rows: WikidataRefreshChangedPlace[] }) {
  const columns: DataColumn<WikidataRefreshChangedPlace>[] = [
    {
      id: 'place',
      header: t('refresh.changed.place'),
      value: (entry) => `${entry.current.name} (${entry.qid})`,
      required: true,
      filter: 'text',
    },
    {
      id: 'changes',
      header: t('refresh.changed.changes'),
      value: (entry) =>
        entry.changes
          .map(
            (field) =>
              `${t(`refresh.field.${field}`)}: ${fieldText(entry.before, field)} → ${fieldText(entry.after, field)}`,
          )
          .join('; '),
    },
    {
      id: 'applies',
      header: t('refresh.applying'),
      value: (entry) =>
        entry.changes
          .map((field) =>
            t(entry.applies.includes(field) ? 'refresh.changed.applies' : 'refresh.changed.kept', {
              field: t(`refresh.field.${field}`),
            }),
          )
          .join('; '),
    },
  ];
  return (
    <DataTable
      caption={t('refresh.changed.heading', { count: rows.length })}
      rows={rows}
      columns={columns}
      rowId={(entry) => `${entry.qid}-${entry.placeId}`}
      urlPrefix="changed"
      fileName="wikidata-refresh-changed"
      emptyState={<EmptyState title={t('refresh.none')} />}
    />
  );
}

/** A kept diff: its counts, its three lists and, while it is pending, the button that applies it. */
function DiffView({ t, id }: { t: WorkspaceT; id: string }) {
  const diff = useRefreshDiff(id);
  const apply = useApplyRefreshDiff();
  const headingId = useId();
  if (diff.isPending) return <p>…</p>;
  if (diff.isError)
    return <ErrorState message={failureText(t, diff.error)} onRetry={() => void diff.refetch()} />;
  const { counts, applied } = diff.data;
  return (
    <section className="panel wr-diff" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('refresh.diff.heading', { id })}</h2>
      <DescriptionList
        items={[
          {
            id: 'made',
            label: t('refresh.diff.made'),
            value: new Date(diff.data.createdAt).toLocaleString(),
          },
          {
            id: 'files',
            label: t('refresh.diff.files'),
            value: diff.data.files.map((file) => `${file.fileName} (${file.rows})`).join(', '),
          },
          { id: 'new', label: t('refresh.count.new'), value: counts.new },
          { id: 'gone', label: t('refresh.count.gone'), value: counts.gone },
          { id: 'changed', label: t('refresh.count.changed'), value: counts.changed },
          { id: 'placesCreated', label: t('refresh.count.placesCreated'), value: counts.placesCreated },
          { id: 'withdrawn', label: t('refresh.count.tiesWithdrawn'), value: counts.tiesWithdrawn },
          {
            id: 'records',
            label: t('refresh.count.records'),
            value: t('refresh.count.recordsValue', {
              added: counts.recordsAdded,
              removed: counts.recordsRemoved,
            }),
          },
          { id: 'unresolved', label: t('refresh.count.unresolved'), value: counts.unresolved },
          {
            id: 'applied',
            label: t('refresh.diff.state'),
            value: applied
              ? t('refresh.diff.applied', {
                  run: applied.runId,
                  at: new Date(applied.appliedAt).toLocaleString(),
                })
              : t('refresh.diff.pending'),
          },
        ]}
      />
      {!applied && (
        <p className="wr-apply">
          <ActionButton
            variant="primary"
            confirm={t('refresh.diff.confirm')}
            onPress={() => apply.mutateAsync(id)}
            success={(result) => t('refresh.diff.done', { run: result.runId })}
          >
            {t('refresh.diff.apply')}
          </ActionButton>
        </p>
      )}
      <h3>{t('refresh.new.heading', { count: counts.new })}</h3>
      <NewTable t={t} rows={diff.data.new} />
      <h3>{t('refresh.gone.heading', { count: counts.gone })}</h3>
      <GoneTable t={t} rows={diff.data.gone} />
      <h3>{t('refresh.changed.heading', { count: counts.changed })}</h3>
      <ChangedTable t={t} rows={diff.data.changed} />
    </section>
  );
}

function DiffList({ t, open }: { t: WorkspaceT; open: (id: string) => void }) {
  const diffs = useRefreshDiffs(true);
  const columns: DataColumn<WikidataRefreshSummary>[] = [
    {
      id: 'made',
      header: t('refresh.diff.made'),
      value: (item) => item.createdAt,
      cell: (item) => (
        <Button variant="quiet" size="s" onPress={() => open(item.id)}>
          {new Date(item.createdAt).toLocaleString()} <span className="visually-hidden">{item.id}</span>
        </Button>
      ),
      required: true,
      nowrap: true,
    },
    { id: 'new', header: t('refresh.count.new'), value: (item) => item.counts.new, numeric: true },
    { id: 'gone', header: t('refresh.count.gone'), value: (item) => item.counts.gone, numeric: true },
    {
      id: 'changed',
      header: t('refresh.count.changed'),
      value: (item) => item.counts.changed,
      numeric: true,
    },
    {
      id: 'state',
      header: t('refresh.diff.state'),
      value: (item) => (item.applied ? t('refresh.diff.appliedShort') : t('refresh.diff.pending')),
    },
  ];
  return (
    <DataTable
      caption={t('refresh.list')}
      rows={diffs.data?.items ?? []}
      columns={columns}
      rowId={(item) => item.id}
      urlPrefix="diffs"
      fileName="wikidata-refresh-diffs"
      defaultSort={[{ id: 'made', desc: true }]}
      isLoading={diffs.isPending}
      error={diffs.isError ? failureText(t, diffs.error) : undefined}
      onRetry={() => void diffs.refetch()}
      emptyState={<EmptyState title={t('refresh.noDiffs')} />}
      compact
    />
  );
}

/**
 * The refresh of the Wikidata ties, for administrators: a diff of a newer extract's two files against the
 * registry, reviewed here list by list, then applied.
 */
export function WikidataRefreshPage() {
  const { t, ready } = useWorkspaceTexts();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const id = params.get('diff');
  if (!ready || session.isPending) return <p>…</p>;
  if (!session.data?.user) return <Navigate to="/sign-in" replace />;
  if (!session.data.user.isAdmin) return <p role="alert">403</p>;
  const open = (diffId: string) => setParams({ diff: diffId });
  return (
    <section>
      <h1>{t('refresh.title')}</h1>
      <p>{t('refresh.intro')}</p>
      <UploadForm t={t} onMade={(diff) => open(diff.id)} />
      {id && /^[0-9a-f]{12}$/.test(id) && <DiffView key={id} t={t} id={id} />}
      <section className="panel" aria-labelledby="wikidata-refresh-diffs">
        <h2 id="wikidata-refresh-diffs">{t('refresh.list')}</h2>
        <DiffList t={t} open={open} />
      </section>
    </section>
  );
}
