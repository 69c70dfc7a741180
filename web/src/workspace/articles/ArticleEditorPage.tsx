import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import {
  ARTICLE_LANGUAGES,
  type ArticleLanguage,
  type ArticleResponse,
  articleHistoryQuery,
  useArticle,
  useArticleStatus,
  useCreateArticle,
  useSeriesList,
  useUpdateArticle,
} from '../../api/articles.ts';
import { ApiError } from '../../api/client.ts';
import { POST_ROLES } from '../../api/people.ts';
import { LANGUAGE_NAMES } from '../../i18n/index.ts';
import { pickText } from '../../pages/EventPage.localized.ts';
import { Button } from '../../ui/Button.tsx';
import { Link } from '../../ui/Link.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { History } from '../audit/History.tsx';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { ActionButton, failureText, toastSuccess } from '../ui/failure.tsx';
import { Field, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';
import { ContactPostField } from './ContactPostField.tsx';
import { NO_LINKS, StoryLinksField } from './StoryLinks.tsx';
import { suggestSlug } from './slug.ts';
import './articles.css';

/** TipTap loads with the editor, in a chunk of its own. */
const BodyEditor = lazy(() => import('./BodyEditor.tsx'));

type Contact = ArticleResponse['contact'];

/** The contact block as the API takes it: null when nothing is given. */
function contactBody(
  values: { contactLabel: string; email: string; phone: string; postId: number | null },
  base: Contact,
  lang: string,
) {
  const label = { ...(base?.label ?? {}) };
  if (values.contactLabel.trim()) label[lang] = values.contactLabel.trim();
  else delete label[lang];
  const postId = values.postId;
  const email = values.email.trim() || null;
  const phone = values.phone.trim() || null;
  if (postId === null && email === null && phone === null && Object.keys(label).length === 0) return null;
  return { postId, label, email, phone };
}

/** An article's stored contact, as it would be sent again (for a translation). */
const contactOf = (contact: Contact) =>
  contact
    ? { postId: contact.postId, label: contact.label, email: contact.email, phone: contact.phone }
    : null;

function valuesOf(article: ArticleResponse | undefined, seriesId: string, language: ArticleLanguage) {
  const lang = article?.language ?? language;
  return {
    seriesId,
    language: lang as string,
    title: article?.title ?? '',
    slug: article?.slug ?? '',
    slugEdited: article !== undefined,
    lead: article?.lead ?? '',
    body: article?.body ?? '',
    authorRole: (article?.authorRole ?? '') as string,
    contactLabel: article?.contact?.label[lang] ?? '',
    postId: article?.contact?.postId ?? null,
    email: article?.contact?.email ?? '',
    phone: article?.contact?.phone ?? '',
    links: article?.links ?? NO_LINKS,
  };
}
type Values = ReturnType<typeof valuesOf>;

/** The form of an article: new (series and language chosen) or an existing version (both fixed). */
function ArticleForm(props: { t: WorkspaceT; article?: ArticleResponse }) {
  const { t, article } = props;
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const organization = useCurrentOrganization();
  const series = useSeriesList(undefined, article === undefined);
  const ownSeries = (series.data?.items ?? []).filter((item) =>
    organization.memberships.some((membership) => membership.organizationId === item.organizationId),
  );
  const create = useCreateArticle();
  const update = useUpdateArticle();
  const interfaceLanguage = (ARTICLE_LANGUAGES as readonly string[]).includes(i18n.language)
    ? (i18n.language as ArticleLanguage)
    : 'en';
  const form = useRecordForm(
    () => valuesOf(article, '', interfaceLanguage),
    (values: Values) => ({
      slug: values.slug.trim(),
      title: values.title.trim(),
      lead: values.lead.trim(),
      body: values.body,
      authorRole: (values.authorRole || null) as ArticleResponse['authorRole'],
      contact: contactBody(values, article?.contact ?? null, values.language),
      links: values.links,
    }),
  );
  const { values } = form;
  // A new article's series: the only one, until the user chooses.
  const seriesId = values.seriesId || (ownSeries.length === 1 ? String(ownSeries[0]!.id) : '');

  const setTitle = (title: string) =>
    form.set(values.slugEdited ? { title } : { title, slug: suggestSlug(title) });

  const submit = (version = article?.version) => {
    void form.save(
      async (body, changed) => {
        if (article) {
          await update.mutateAsync({ id: article.id, version: version!, ...changed });
          return;
        }
        const created = await create.mutateAsync({
          ...body,
          seriesId: Number(seriesId) || undefined,
          language: values.language as ArticleLanguage,
        });
        await navigate(`/workspace/articles/${created.id}`, { replace: true });
      },
      t(article ? 'articles.saved' : 'articles.created'),
    );
  };
  const error = (name: string) => form.errors[name];
  const organizationId =
    article?.organizationId ?? ownSeries.find((item) => String(item.id) === seriesId)?.organizationId;

  return (
    <form
      className="panel edit-form article-form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <h2>{t('articles.texts')}</h2>
      {!article && (
        <>
          {ownSeries.length === 0 && !series.isPending ? (
            <EmptyState title={t('articles.noSeries')} description={t('articles.noSeriesHint')} />
          ) : (
            <SelectField
              label={t('articles.series')}
              name="seriesId"
              value={seriesId}
              onChange={(value) => form.set({ seriesId: value })}
              options={[
                { value: '', label: t('articles.chooseSeries') },
                ...ownSeries.map((item) => ({
                  value: String(item.id),
                  label: `${pickText(item.title, i18n.language)?.text ?? item.slug} (${item.organizationName})`,
                })),
              ]}
              error={error('seriesId')}
            />
          )}
          <SelectField
            label={t('articles.language')}
            name="language"
            value={values.language}
            onChange={(language) => form.set({ language })}
            options={ARTICLE_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
            error={error('language')}
          />
        </>
      )}
      <Field
        label={t('articles.title')}
        name="title"
        value={values.title}
        onChange={setTitle}
        error={error('title')}
      />
      <Field
        label={t('articles.slug')}
        hint={t('articles.slugHint')}
        name="slug"
        value={values.slug}
        onChange={(slug) => form.set({ slug, slugEdited: true })}
        error={error('slug')}
      />
      <TextAreaField
        label={t('articles.lead')}
        name="lead"
        lang={values.language}
        value={values.lead}
        onChange={(lead) => form.set({ lead })}
        error={error('lead')}
      />
      <Suspense fallback={<Skeleton variant="block" label={t('articles.loading')} />}>
        <BodyEditor
          t={t}
          label={t('articles.body')}
          lang={values.language}
          value={values.body}
          onChange={(body) => form.set({ body })}
          error={error('body')}
          articleId={article?.id}
        />
      </Suspense>
      <SelectField
        label={t('articles.authorRole')}
        hint={t('articles.authorRoleHint')}
        name="authorRole"
        value={values.authorRole}
        onChange={(authorRole) => form.set({ authorRole })}
        options={[
          { value: '', label: t('articles.noAuthorRole') },
          ...POST_ROLES.map((role) => ({ value: role, label: t(`postRole.${role}`) })),
        ]}
        error={error('authorRole')}
      />
      <StoryLinksField
        t={t}
        value={values.links}
        onChange={(links) => form.set({ links })}
        organizationId={organizationId}
        errors={form.errors}
        shared={(article?.translations.length ?? 0) > 0}
      />
      <fieldset className="article-contact-fields">
        <legend>{t('articles.contact')}</legend>
        <ContactPostField
          t={t}
          value={values.postId}
          saved={article?.contact}
          onChange={(postId) => form.set({ postId })}
          refused={error('contact.postId') !== undefined}
        />
        <Field
          label={t('articles.contactLabel')}
          hint={t('articles.contactLabelHint')}
          {...form.field('contactLabel', `contact.label.${values.language}`)}
        />
        <Field label={t('articles.email')} type="email" {...form.field('email', 'contact.email')} />
        <Field label={t('articles.phone')} type="tel" {...form.field('phone', 'contact.phone')} />
        {error('contact') && <p className="form-error">{error('contact')}</p>}
      </fieldset>
      {form.conflict && article && (
        <ConflictNotice
          t={t}
          original={article}
          current={form.conflict}
          fields={['slug', 'title', 'lead', 'body', 'authorRole', 'contact', 'links']}
          message={t('articles.conflict')}
          onReapply={() => submit(form.conflict?.version)}
        />
      )}
      <FormMessage message={form.message} />
      <div className="article-buttons">
        <Button type="submit" variant="primary">
          {article ? t('articles.save') : t('articles.createDraft')}
        </Button>
      </div>
    </form>
  );
}

/** Tomorrow at nine on the reader's clock, as a datetime-local field writes it. */
function tomorrowMorning(): string {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T09:00`;
}

/** Publish, schedule, archive or unpublish: the moves the article's status allows. */
function StatusActions(props: { t: WorkspaceT; article: ArticleResponse }) {
  const { t, article } = props;
  const setStatus = useArticleStatus();
  const [scheduling, setScheduling] = useState(false);
  const [when, setWhen] = useState(tomorrowMorning);
  const [problem, setProblem] = useState<string | undefined>();
  const move = (status: ArticleResponse['status'], publishAt?: string) => () =>
    setStatus.mutateAsync({ id: article.id, version: article.version, status, publishAt });
  const [busy, setBusy] = useState(false);
  /** Schedules for the time in the field, which must be to come; a refusal is said beside the field. */
  const schedule = async () => {
    const at = new Date(when);
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setProblem(t('articles.scheduleFuture'));
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      await move('scheduled', at.toISOString())();
      toastSuccess(t('articles.scheduled'), undefined);
      setScheduling(false);
    } catch (failure) {
      setProblem(failureText(t, failure));
    } finally {
      setBusy(false);
    }
  };
  const { i18n } = useTranslation();
  return (
    <section aria-labelledby="article-status-heading" className="panel article-status">
      <h2 id="article-status-heading">{t('articles.publishing')}</h2>
      <p>
        {t('articles.statusNow', { status: t(`articles.statuses.${article.status}`) })}
        {article.publishAt &&
          ` · ${t(article.status === 'scheduled' ? 'articles.scheduledFor' : 'articles.publishedAt', {
            when: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
              new Date(article.publishAt),
            ),
          })}`}
      </p>
      <div className="article-buttons">
        {article.status !== 'published' && (
          <ActionButton variant="primary" onPress={move('published')} success={t('articles.published')}>
            {article.status === 'scheduled' ? t('articles.publishNow') : t('articles.publish')}
          </ActionButton>
        )}
        {(article.status === 'draft' || article.status === 'scheduled') && (
          <Button aria-expanded={scheduling} onPress={() => setScheduling(!scheduling)}>
            {article.status === 'scheduled' ? t('articles.reschedule') : t('articles.schedule')}
          </Button>
        )}
        {article.status === 'published' && (
          <ActionButton onPress={move('archived')} success={t('articles.archived')}>
            {t('articles.archive')}
          </ActionButton>
        )}
        {article.status !== 'draft' && (
          <ActionButton onPress={move('draft')} success={t('articles.unpublished')}>
            {t('articles.unpublish')}
          </ActionButton>
        )}
      </div>
      {scheduling && (
        <div className="article-schedule">
          <Field
            label={t('articles.publishAtField')}
            hint={t('articles.publishAtHint')}
            name="publishAt"
            type="datetime-local"
            value={when}
            onChange={setWhen}
            error={problem}
          />
          <Button variant="primary" isPending={busy} onPress={() => void schedule()}>
            {t('articles.confirmSchedule')}
          </Button>
        </div>
      )}
    </section>
  );
}

/** The other language versions, and a new one prefilled with this version's texts. */
function Versions(props: { t: WorkspaceT; article: ArticleResponse }) {
  const { t, article } = props;
  const navigate = useNavigate();
  const create = useCreateArticle();
  const missing = ARTICLE_LANGUAGES.filter(
    (code) => code !== article.language && !article.translations.some((version) => version.language === code),
  );
  const [language, setLanguage] = useState<string>(missing[0] ?? '');
  const chosen = missing.includes(language as ArticleLanguage) ? language : (missing[0] ?? '');
  const translate = async () => {
    const created = await create.mutateAsync({
      translationOf: article.id,
      language: chosen as ArticleLanguage,
      slug: `${article.slug}-${chosen}`.slice(0, 120),
      title: article.title,
      lead: article.lead,
      body: article.body,
      authorRole: article.authorRole,
      contact: contactOf(article.contact),
    });
    await navigate(`/workspace/articles/${created.id}`);
    return created;
  };
  return (
    <section aria-labelledby="article-versions-heading" className="panel article-versions">
      <h2 id="article-versions-heading">{t('articles.versions')}</h2>
      <ul>
        <li>
          {LANGUAGE_NAMES[article.language]} ({t(`articles.statuses.${article.status}`)}) ·{' '}
          {t('articles.thisVersion')}
        </li>
        {article.translations.map((version) => (
          <li key={version.id}>
            <Link href={`/workspace/articles/${version.id}`} lang={version.language}>
              {LANGUAGE_NAMES[version.language]}: {version.title}
            </Link>{' '}
            ({t(`articles.statuses.${version.status}`)})
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <div className="article-translate">
          <SelectField
            label={t('articles.translateInto')}
            name="translate-language"
            value={chosen}
            onChange={setLanguage}
            options={missing.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
          />
          <ActionButton onPress={translate} success={t('articles.translated')}>
            {t('articles.translate')}
          </ActionButton>
        </div>
      )}
    </section>
  );
}

/**
 * Writing a new article, or editing one: texts, body, author, what the story is about and its contact, status,
 * language versions, history.
 */
export function ArticleEditorPage() {
  const { t, ready } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const { id } = useParams();
  const articleId = id !== undefined && /^\d+$/.test(id) ? Number(id) : undefined;
  const query = useArticle(articleId);
  if (!ready) return <Skeleton lines={4} />;
  if (articleId === undefined)
    return (
      <section className="article-editor-page">
        <div className="ws-page-header">
          <h1>{t('articles.new')}</h1>
        </div>
        <ArticleForm t={t} />
      </section>
    );
  if (query.isError)
    return (
      <section className="article-editor-page">
        <h1>{t('articles.section')}</h1>
        <ErrorState
          message={
            query.error instanceof ApiError && query.error.status === 404
              ? t('articles.notFound')
              : t('lists.error')
          }
          onRetry={() => void query.refetch()}
        />
      </section>
    );
  if (!query.data) return <Skeleton lines={6} label={t('articles.loading')} />;
  const article = query.data;
  return (
    <section className="article-editor-page">
      <div className="ws-page-header">
        <h1 lang={article.language}>{article.title}</h1>
        <Link href={article.url} variant="standalone" className="ws-page-action">
          {t('articles.viewPublic')}
        </Link>
      </div>
      <p className="article-muted">
        {LANGUAGE_NAMES[article.language]} · {pickText(article.series.title, i18n.language)?.text} ·{' '}
        {article.organizationName}
      </p>
      {!article.canEdit && <p>{t('articles.readOnly')}</p>}
      <div className="article-editor-grid">
        <ArticleForm key={article.id} t={t} article={article} />
        <div className="article-editor-side">
          <StatusActions t={t} article={article} />
          <Versions t={t} article={article} />
        </div>
      </div>
      <History
        t={t}
        query={articleHistoryQuery(article.id)}
        title={t('articles.history')}
        urlPrefix="history"
        collapsed
      />
    </section>
  );
}
