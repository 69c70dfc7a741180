import { useQueries } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ARTICLE_LANGUAGES,
  ARTICLE_STATUSES,
  type ArticleResponse,
  articleKeys,
  type SeriesResponse,
  useCreateSeries,
  useSeriesList,
} from '../../api/articles.ts';
import { getJson } from '../../api/client.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { pickText } from '../../pages/EventPage.localized.ts';
import { Button } from '../../ui/Button.tsx';
import { choiceFilter, type DataColumn } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { OrganizationListPage } from '../lists/ListPage.tsx';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { Field, FormMessage, SelectField, TextAreaField, useForm } from '../ui/form.tsx';
import { RecordTable } from '../ui/RecordTable.tsx';
import { suggestSlug } from './slug.ts';
import './articles.css';

/** The organisation's articles in every status: published, drafts, scheduled and archived, each a read of its own. */
function useOrganizationArticles(organizationId: number) {
  const queries = useQueries({
    queries: ARTICLE_STATUSES.map((status) => {
      const query = { organizationId, status, limit: 200 };
      return {
        queryKey: articleKeys.list(query),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          getJson<{ items: ArticleResponse[] }>('/api/articles', query, signal),
      };
    }),
  });
  return {
    isPending: queries.some((query) => query.isPending),
    isError: queries.some((query) => query.isError),
    refetch: () => Promise.all(queries.map((query) => query.refetch())),
    data: queries.every((query) => query.data)
      ? queries.flatMap((query) => query.data?.items ?? [])
      : undefined,
  };
}

function ArticlesTable(props: { t: WorkspaceT; organization: { id: number; name: string } }) {
  const { t } = props;
  const { i18n } = useTranslation();
  const language = i18n.language;
  const articles = useOrganizationArticles(props.organization.id);
  const columns = useMemo<DataColumn<ArticleResponse>[]>(
    () => [
      {
        id: 'title',
        header: t('articles.title'),
        value: (row) => row.title,
        cell: (row) => (
          <Link href={`/workspace/articles/${row.id}`} lang={row.language}>
            {row.title}
          </Link>
        ),
        required: true,
        filter: 'text',
      },
      {
        id: 'status',
        header: t('articles.status'),
        value: (row) => t(`articles.statuses.${row.status}`),
        filter: choiceFilter(
          ARTICLE_STATUSES.map((status) => t(`articles.statuses.${status}`)),
          (status) => status,
        ),
      },
      {
        id: 'language',
        header: t('articles.language'),
        value: (row) => LANGUAGE_NAMES[row.language],
        filter: choiceFilter(
          ARTICLE_LANGUAGES.map((code) => LANGUAGE_NAMES[code]),
          (name) => name,
        ),
      },
      {
        id: 'series',
        header: t('articles.series'),
        value: (row) => pickText(row.series.title, language)?.text ?? row.series.slug,
        filter: 'text',
      },
      {
        id: 'publishAt',
        header: t('articles.publishAt'),
        value: (row) => row.publishAt?.slice(0, 16).replace('T', ' ') ?? '',
        nowrap: true,
      },
      {
        id: 'updatedAt',
        header: t('articles.updatedAt'),
        value: (row) => row.updatedAt.slice(0, 16).replace('T', ' '),
        nowrap: true,
      },
    ],
    [t, language],
  );
  return (
    <RecordTable
      caption={t('articles.caption', { name: props.organization.name })}
      query={articles}
      rows={articles.data}
      columns={columns}
      urlPrefix="articles"
      fileName="citybridge-articles"
      defaultSort={[{ id: 'updatedAt', desc: true }]}
      empty={{
        title: t('articles.empty'),
        hint: t('articles.emptyHint'),
        link: { href: '/workspace/articles/new', label: t('articles.new') },
      }}
    />
  );
}

/** Starts a series: its organisation, address and name per language. */
function NewSeriesForm(props: { t: WorkspaceT; organizationId: number; onDone: () => void }) {
  const { t } = props;
  const { memberships } = useCurrentOrganization();
  const create = useCreateSeries();
  const form = useForm({
    organizationId: String(props.organizationId),
    slug: '',
    slugEdited: false,
    fi: '',
    sv: '',
    en: '',
    description: '',
  });
  const { values } = form;
  const { i18n } = useTranslation();
  const setTitle = (key: 'fi' | 'sv' | 'en', text: string) => {
    const changes: Partial<typeof values> = { [key]: text };
    if (!values.slugEdited && key === (i18n.language as 'fi' | 'sv' | 'en')) changes.slug = suggestSlug(text);
    form.set(changes);
  };
  const submit = form.submitWith(async () => {
    const title = Object.fromEntries(
      ARTICLE_LANGUAGES.filter((key) => values[key].trim()).map((key) => [key, values[key].trim()]),
    );
    const description = values.description.trim() ? { [i18n.language]: values.description.trim() } : {};
    await create.mutateAsync({
      organizationId: Number(values.organizationId),
      slug: values.slug.trim(),
      title,
      description,
    });
    props.onDone();
    return t('articles.seriesCreated');
  });
  return (
    <form
      className="panel edit-form article-series-form"
      onSubmit={(event: FormEvent) => submit(event)}
      noValidate
    >
      <h3>{t('articles.newSeries')}</h3>
      <SelectField
        label={t('articles.organization')}
        name="organizationId"
        value={values.organizationId}
        onChange={(organizationId) => form.set({ organizationId })}
        options={memberships.map((membership) => ({
          value: String(membership.organizationId),
          label: membership.name,
        }))}
        error={form.errors.organizationId}
      />
      <fieldset className="article-languages">
        <legend>{t('articles.seriesTitle')}</legend>
        {ARTICLE_LANGUAGES.map((key) => (
          <Field
            key={key}
            name={`series-title-${key}`}
            label={t(`articles.inLanguage.${key}`)}
            value={values[key]}
            onChange={(text) => setTitle(key, text)}
            error={form.errors[`title.${key}`] ?? (key === 'fi' ? form.errors.title : undefined)}
          />
        ))}
      </fieldset>
      <Field
        label={t('articles.slug')}
        hint={t('articles.seriesSlugHint')}
        name="series-slug"
        value={values.slug}
        onChange={(slug) => form.set({ slug, slugEdited: true })}
        error={form.errors.slug}
      />
      <TextAreaField
        label={t('articles.seriesDescription')}
        name="series-description"
        value={values.description}
        onChange={(description) => form.set({ description })}
        error={form.errors[`description.${i18n.language}`]}
      />
      <FormMessage message={form.message} />
      <div className="article-buttons">
        <Button type="submit" variant="primary">
          {t('articles.createSeries')}
        </Button>
        <Button onPress={props.onDone}>{t('articles.cancel')}</Button>
      </div>
    </form>
  );
}

function SeriesList(props: { t: WorkspaceT; organization: { id: number; name: string } }) {
  const { t } = props;
  const { i18n } = useTranslation();
  const { memberships } = useCurrentOrganization();
  const series = useSeriesList();
  const [creating, setCreating] = useState(false);
  const own = (series.data?.items ?? []).filter((item: SeriesResponse) =>
    memberships.some((membership) => membership.organizationId === item.organizationId),
  );
  return (
    <section aria-labelledby="article-series-heading" className="article-series-section">
      <h2 id="article-series-heading">{t('articles.seriesHeading')}</h2>
      {own.length === 0 ? (
        <p>{series.isPending ? t('articles.loading') : t('articles.noSeries')}</p>
      ) : (
        <ul className="article-series-list">
          {own.map((item) => (
            <li key={item.id}>
              <Link href={item.url}>{pickText(item.title, i18n.language)?.text ?? item.slug}</Link>{' '}
              <span className="article-muted">
                {item.organizationName} · {item.url}
              </span>
            </li>
          ))}
        </ul>
      )}
      {creating ? (
        <NewSeriesForm t={t} organizationId={props.organization.id} onDone={() => setCreating(false)} />
      ) : (
        <Button onPress={() => setCreating(true)}>{t('articles.newSeries')}</Button>
      )}
    </section>
  );
}

/** The organisations' series (and starting one), and their articles in every status in a table. */
export function ArticlesPage() {
  const { t, ready } = useWorkspaceTexts();
  return (
    <OrganizationListPage
      t={t}
      ready={ready}
      title={t('articles.section')}
      actions={
        <Link href="/workspace/articles/new" variant="standalone" className="ws-page-action">
          {t('articles.new')}
        </Link>
      }
    >
      {(organization) => (
        <>
          <ArticlesTable t={t} organization={organization} />
          <SeriesList t={t} organization={organization} />
        </>
      )}
    </OrganizationListPage>
  );
}
