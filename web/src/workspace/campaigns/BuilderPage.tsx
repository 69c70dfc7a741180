import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { Link } from '../../ui/Link.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { Tab, TabList, TabPanel, Tabs } from '../../ui/Tabs.tsx';
import { showToast } from '../../ui/toast.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { DateField, dateProblem } from '../ui/form.tsx';
import { validationKey } from '../ui/validation.ts';
import { CampaignActions } from './CampaignPage.tsx';
import { CampaignStatus } from './CampaignsPage.tsx';
import { CountryField } from './CountryField.tsx';
import {
  BLANK_WORDS,
  campaignLanguage,
  cleanDefinition,
  dropBrokenConditions,
  emptyText,
  keysOf,
  LANGUAGES,
  type Language,
  type Localized,
  type MissingText,
  missingByLanguage,
  missingTexts,
  move,
  newQuestion,
  pick,
  type QuestionType,
  questionsOf,
  tagged,
  tagQuestion,
  uidOf,
  uniqueKey,
  withUids,
} from './campaign-model.ts';
import {
  type CampaignDefinition,
  type CampaignResponse,
  type CampaignSection,
  QUESTION_TYPES,
  useCampaign,
  useUpdateCampaign,
} from './campaigns-api.ts';
import { FormView, useLocalAnswers } from './FormView.tsx';
import { fieldId, LocalizedField, languageName } from './LocalizedField.tsx';
import { type EditorContext, ItemButtons, QuestionEditor } from './QuestionEditor.tsx';
import { idParam } from './ResponsePage.tsx';
import './campaigns.css';

/** The campaign as the builder holds it while it is edited. */
interface Draft {
  title: Localized;
  description: Localized;
  countryCode: string | null;
  opensOn: string;
  closesOn: string;
  definition: CampaignDefinition;
}

const localized = (text: Record<string, string> | null): Localized => ({
  fi: text?.fi ?? '',
  sv: text?.sv ?? '',
  en: text?.en ?? '',
});

function toDraft(campaign: CampaignResponse): Draft {
  return {
    title: localized(campaign.title),
    description: localized(campaign.description),
    countryCode: campaign.countryCode,
    opensOn: campaign.opensOn ?? '',
    closesOn: campaign.closesOn ?? '',
    definition: withUids(campaign.definition),
  };
}

/** The draft as the API takes it: texts trimmed, a description in no language left out, dates or null. */
function toBody(draft: Draft) {
  const description = LANGUAGES.some((language) => draft.description[language].trim())
    ? localized(
        Object.fromEntries(LANGUAGES.map((language) => [language, draft.description[language].trim()])),
      )
    : null;
  return {
    title: localized(
      Object.fromEntries(LANGUAGES.map((language) => [language, draft.title[language].trim()])),
    ),
    description,
    countryCode: draft.countryCode,
    opensOn: draft.opensOn || null,
    closesOn: draft.closesOn || null,
    definition: cleanDefinition(draft.definition),
  };
}
type Body = ReturnType<typeof toBody>;

/** The fields of a body that differ from those last saved. */
function changedFields(saved: Body, body: Body): Partial<Body> {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof Body]),
    ),
  ) as Partial<Body>;
}

/** Where a text of the campaign is, in words: "Question 3 (Section 1): options". */
function describePath(t: WorkspaceT, path: string, definition: CampaignDefinition): string {
  if (path === 'title') return t('campaigns.builder.title');
  if (path === 'description') return t('campaigns.builder.description');
  if (path === 'opensOn') return t('campaigns.column.opens');
  if (path === 'closesOn') return t('campaigns.column.closes');
  if (path === 'countryCode') return t('campaigns.column.country');
  if (path === 'definition') return t('campaigns.builder.form');
  const match = /^definition\.sections\.(\d+)(?:\.questions\.(\d+))?(?:\.fields\.(\d+))?(?:\.(.*))?$/.exec(
    path,
  );
  if (!match) return path;
  const section = Number(match[1]);
  const parts = [
    t('campaigns.builder.sectionNumber', { number: section + 1, name: '' }).replace(/[:\s]+$/, ''),
  ];
  if (match[2] !== undefined) {
    const before = definition.sections
      .slice(0, section)
      .reduce((sum, item) => sum + item.questions.length, 0);
    parts.push(t('campaigns.builder.questionShort', { number: before + Number(match[2]) + 1 }));
  }
  if (match[3] !== undefined) parts.push(t('campaigns.builder.fieldShort', { number: Number(match[3]) + 1 }));
  const rest = match[4] ?? '';
  const what = /^options\.(\d+)/.exec(rest)
    ? t('campaigns.builder.optionShort', { number: Number(/^options\.(\d+)/.exec(rest)![1]) + 1 })
    : rest.startsWith('label')
      ? t('campaigns.builder.label')
      : rest.startsWith('help')
        ? t('campaigns.builder.help')
        : rest.startsWith('title')
          ? t('campaigns.builder.sectionTitle')
          : rest.startsWith('description')
            ? t('campaigns.builder.description')
            : rest.startsWith('minLabel')
              ? t('campaigns.builder.minLabel')
              : rest.startsWith('maxLabel')
                ? t('campaigns.builder.maxLabel')
                : rest;
  if (what) parts.push(what);
  return parts.join(' › ');
}

/** What keeps the draft from being saved: texts missing a language, and the API's refusals, each a link to its field. */
function Problems(props: {
  t: WorkspaceT;
  uiLanguage: string;
  definition: CampaignDefinition;
  missing: MissingText[];
  errors: Record<string, string>;
  go: (path: string, language?: Language) => void;
}) {
  const { t } = props;
  // A text missing a language is listed once, as missing, however the API said so.
  const missingPaths = new Set(
    props.missing.flatMap((text) => text.languages.map((language) => `${text.path}.${language}`)),
  );
  const errorPaths = Object.keys(props.errors).filter((path) => path !== '' && !missingPaths.has(path));
  if (props.missing.length === 0 && errorPaths.length === 0) return null;
  return (
    <section className="cp-problems" aria-labelledby="cp-problems-heading">
      <h2 id="cp-problems-heading">{t('campaigns.builder.problems')}</h2>
      <ul>
        {errorPaths.map((path) => {
          const language = /\.(fi|sv|en)$/.exec(path)?.[1] as Language | undefined;
          const base = language ? path.slice(0, -3) : path;
          return (
            <li key={`error-${path}`}>
              <Button size="s" variant="quiet" onPress={() => props.go(base, language)}>
                {describePath(t, base, props.definition)}
                {language && ` (${languageName(language, props.uiLanguage)})`}
              </Button>{' '}
              <span className="cp-problem-text">{props.errors[path]}</span>
            </li>
          );
        })}
        {props.missing.map((text) => (
          <li key={`missing-${text.path}`}>
            <Button size="s" variant="quiet" onPress={() => props.go(text.path, text.languages[0])}>
              {describePath(t, text.path, props.definition)}
            </Button>{' '}
            <span className="cp-problem-text">
              {t('campaigns.builder.missingIn', {
                languages: text.languages
                  .map((language) => languageName(language, props.uiLanguage))
                  .join(', '),
              })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A section: its title and description, its questions, and a question of any type to add. */
function SectionEditor(props: {
  ctx: EditorContext;
  index: number;
  count: number;
  firstNumber: number;
  definition: CampaignDefinition;
  section: CampaignSection;
  countryName: string | null;
  /** The ids of the questions added in this session. */
  fresh: ReadonlySet<string>;
  onChange: (section: CampaignSection) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onAddQuestion: (type: QuestionType) => void;
}) {
  const { ctx, section, index } = props;
  const { t } = ctx;
  const path = `definition.sections.${index}`;
  const name = pick(section.title, ctx.language) || section.key;
  const [adding, setAdding] = useState<QuestionType>('short_text');
  const headingId = `${fieldId(path)}-heading`;
  const setQuestions = (questions: CampaignSection['questions']) => props.onChange({ ...section, questions });
  return (
    <section className="panel cp-section-editor" aria-labelledby={headingId}>
      <div className="cp-card-header">
        <h2 id={headingId} className="cp-card-title">
          {t('campaigns.builder.sectionNumber', { number: index + 1, name })}
        </h2>
        <ItemButtons
          t={t}
          name={name}
          index={index}
          count={props.count}
          locked={ctx.locked}
          onMove={props.onMove}
          onRemove={props.onRemove}
        />
      </div>
      <LocalizedField
        t={t}
        path={`${path}.title`}
        label={t('campaigns.builder.sectionTitle')}
        text={section.title}
        language={ctx.language}
        uiLanguage={ctx.uiLanguage}
        errors={ctx.errors}
        required
        onChange={(title) => props.onChange({ ...section, title })}
      />
      <LocalizedField
        t={t}
        path={`${path}.description`}
        label={t('campaigns.builder.sectionDescription')}
        text={section.description}
        language={ctx.language}
        uiLanguage={ctx.uiLanguage}
        errors={ctx.errors}
        multiline
        onChange={(description) => props.onChange({ ...section, description })}
      />
      {section.questions.length === 0 ? (
        <p className="hint">{t('campaigns.builder.noQuestions')}</p>
      ) : (
        <ol className="cp-question-list">
          {section.questions.map((question, q) => (
            <QuestionEditor
              key={uidOf(question)}
              ctx={ctx}
              path={`${path}.questions.${q}`}
              index={q}
              count={section.questions.length}
              number={props.firstNumber + q}
              definition={props.definition}
              question={question}
              countryName={props.countryName}
              isNew={props.fresh.has(uidOf(question))}
              onChange={(changed) =>
                setQuestions(section.questions.map((old, at) => (at === q ? changed : old)))
              }
              onMove={(to) => setQuestions(move(section.questions, q, to))}
              onRemove={() => setQuestions(section.questions.filter((_, at) => at !== q))}
            />
          ))}
        </ol>
      )}
      {!ctx.locked && (
        <div className="cp-add">
          <Select
            label={t('campaigns.builder.newQuestionType')}
            aria-label={t('campaigns.builder.newQuestionTypeIn', { name })}
            options={QUESTION_TYPES.map((type) => ({ id: type, label: t(`campaigns.type.${type}`) }))}
            selectedKey={adding}
            onSelectionChange={(key: Key | null) => {
              if (key !== null) setAdding(key as QuestionType);
            }}
          />
          <Button
            onPress={() => props.onAddQuestion(adding)}
            aria-label={t('campaigns.builder.addQuestionIn', { name })}
          >
            {t('campaigns.builder.addQuestion')}
          </Button>
        </div>
      )}
    </section>
  );
}

/**
 * The campaign builder (/workspace/campaigns/:id/edit), for the target's coordinators: the title and description,
 * sections and questions of every type, each text written in Finnish, Swedish and English (one language at a time,
 * with another beside it for reference, and what is still missing in each listed and linked); required, help, and
 * "show only when" an earlier answer says so; the dates and the country. Saved against the version read (a
 * colleague's newer save is said, with a choice to save over it or take it); the API's refusals shown on the fields
 * concerned. Once open, only texts and dates change. A preview shows the form as a member sees it.
 */
export function BuilderPage() {
  const { t, ready } = useWorkspaceTexts();
  const id = idParam(useParams().id);
  const campaign = useCampaign(id);
  if (!ready) return <Skeleton lines={4} />;
  const failure = campaign.error;
  let body: ReactNode;
  if (id === undefined || (failure instanceof ApiError && failure.status === 404))
    body = <EmptyState title={t('campaigns.notFound')} />;
  else if (campaign.isError)
    body = <ErrorState message={t('campaigns.loadError')} onRetry={() => void campaign.refetch()} />;
  else if (!campaign.data) body = <Skeleton lines={8} label={t('campaigns.loading')} />;
  else if (!campaign.data.canEdit) body = <EmptyState title={t('campaigns.builder.forbidden')} />;
  else return <Builder key={campaign.data.id} campaign={campaign.data} />;
  return (
    <section>
      <h1>{t('campaigns.builder.heading')}</h1>
      {body}
    </section>
  );
}

function Builder({ campaign }: { campaign: CampaignResponse }) {
  const { t, language: uiLanguage } = useWorkspaceTexts();
  const format = useFormat();
  const update = useUpdateCampaign();
  const [draft, setDraft] = useState(() => toDraft(campaign));
  const [saved, setSaved] = useState(() => toBody(toDraft(campaign)));
  const [version, setVersion] = useState(campaign.version);
  const [language, setLanguage] = useState<Language>(campaignLanguage(uiLanguage));
  const [previewLanguage, setPreviewLanguage] = useState<Language>(campaignLanguage(uiLanguage));
  const [mode, setMode] = useState<Key>('edit');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<CampaignResponse | null>(null);
  const preview = useLocalAnswers();
  const [fresh] = useState(() => new Set<string>());
  const locked = campaign.status !== 'draft';
  const body = useMemo(() => toBody(draft), [draft]);
  const changes = useMemo(() => changedFields(saved, body), [saved, body]);
  const dirty = Object.keys(changes).length > 0;
  const missing = useMemo(() => missingTexts(draft), [draft]);
  const counts = missingByLanguage(missing);
  const focusAfter = useRef<string[] | null>(null);

  // A version saved elsewhere since (open, close, share from this page's buttons) is the one to save against.
  useEffect(() => {
    if (campaign.version > version && !dirty) setVersion(campaign.version);
  }, [campaign.version, version, dirty]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // A field asked for (a problem's link, a question just added) is focused once it is on the page.
  useEffect(() => {
    if (!focusAfter.current) return;
    const element = focusAfter.current
      .map((candidate) => document.getElementById(candidate))
      .find((found) => found !== null);
    if (element) {
      focusAfter.current = null;
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
    }
  });

  const setDefinition = (definition: CampaignDefinition) =>
    setDraft((current) => ({ ...current, definition }));
  const setSection = (index: number, section: CampaignSection) =>
    setDefinition({
      sections: draft.definition.sections.map((old, at) => (at === index ? section : old)),
    });
  const words = { option: BLANK_WORDS.option };

  const go = (path: string, target?: Language) => {
    const shown = target ?? language;
    if (target) setLanguage(target);
    setMode('edit');
    // The text in its language, else the field itself (a key, a bound, a date), else its question's or section's text.
    const owner = /^(definition\.sections\.\d+(?:\.questions\.\d+)?(?:\.fields\.\d+)?)/.exec(path)?.[1];
    focusAfter.current = [
      fieldId(path, shown),
      fieldId(path),
      ...(owner ? [fieldId(`${owner}.label`, shown), fieldId(`${owner}.title`, shown)] : []),
    ];
  };

  const save = async (overVersion?: number) => {
    setMessage(null);
    const problem = dateProblem(draft.opensOn) ?? dateProblem(draft.closesOn);
    if (problem) {
      setErrors({
        ...(dateProblem(draft.opensOn) ? { opensOn: t(`validation.${dateProblem(draft.opensOn)}`) } : {}),
        ...(dateProblem(draft.closesOn) ? { closesOn: t(`validation.${dateProblem(draft.closesOn)}`) } : {}),
      });
      setMessage(t('campaigns.builder.invalid'));
      return;
    }
    const sent = body;
    try {
      const result = await update.mutateAsync({
        id: campaign.id,
        version: overVersion ?? version,
        ...changes,
      });
      setSaved(sent);
      setVersion(result.version);
      setErrors({});
      setConflict(null);
      showToast({ title: t('campaigns.builder.saved'), tone: 'success' });
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') {
        setConflict((failure.current as CampaignResponse | undefined) ?? null);
        return;
      }
      if (failure instanceof ApiError && failure.details.length > 0) {
        setErrors(
          Object.fromEntries(
            failure.details.map((detail) => {
              const path = detail.field.replace(/^body\.?/, '');
              // The API says why in English; known reasons are said in the user's language, others as they are.
              const key = validationKey(detail.message);
              return [path, key === 'validation.invalid' ? detail.message : t(key)];
            }),
          ),
        );
        setMessage(t('campaigns.builder.invalid'));
        return;
      }
      setMessage(failureText(t, failure));
    }
  };

  const addQuestion = (sectionIndex: number, type: QuestionType) => {
    const key = uniqueKey(`question_${questionsOf(draft.definition).length + 1}`, keysOf(draft.definition));
    const section = draft.definition.sections[sectionIndex]!;
    const added = tagQuestion(newQuestion(type, key, words));
    fresh.add(uidOf(added));
    const questions = [...section.questions, added];
    setSection(sectionIndex, { ...section, questions });
    focusAfter.current = [
      fieldId(`definition.sections.${sectionIndex}.questions.${questions.length - 1}.label`, language),
    ];
  };
  const addSection = () => {
    const key = uniqueKey(`section_${draft.definition.sections.length + 1}`, keysOf(draft.definition));
    const index = draft.definition.sections.length;
    setDefinition({
      sections: [
        ...draft.definition.sections,
        tagged({ key, title: emptyText(), description: null, questions: [] }),
      ],
    });
    focusAfter.current = [fieldId(`definition.sections.${index}.title`, language)];
  };

  const ctx: EditorContext = { t, language, uiLanguage, locked, errors, words };
  const countryName = draft.countryCode ? format.country(draft.countryCode) : null;
  let number = 1;

  return (
    <section className="cp-builder">
      <div className="ws-page-header">
        <h1>
          {t('campaigns.builder.headingOf', { title: pick(draft.title, campaignLanguage(uiLanguage)) })}
        </h1>
        <CampaignStatus t={t} status={campaign.status} />
      </div>
      {locked && <p className="cp-locked">{t('campaigns.builder.locked')}</p>}
      <Tabs selectedKey={mode} onSelectionChange={setMode}>
        <TabList aria-label={t('campaigns.builder.modes')}>
          <Tab id="edit">{t('campaigns.builder.edit')}</Tab>
          <Tab id="preview">{t('campaigns.builder.preview')}</Tab>
        </TabList>
        <TabPanel id="edit">
          <RadioGroup
            label={t('campaigns.builder.writingIn')}
            description={t('campaigns.builder.writingInHint')}
            orientation="horizontal"
            value={language}
            onChange={(value) => setLanguage(value as Language)}
          >
            {LANGUAGES.map((option) => (
              <Radio key={option} value={option} className="cp-language">
                {languageName(option, uiLanguage)}{' '}
                <span className="cp-missing-count" data-missing={counts[option] > 0}>
                  {counts[option] > 0
                    ? t('campaigns.builder.missingCount', { count: counts[option] })
                    : t('campaigns.builder.complete')}
                </span>
              </Radio>
            ))}
          </RadioGroup>
          <section className="panel" aria-labelledby="cp-details-heading">
            <h2 id="cp-details-heading">{t('campaigns.builder.details')}</h2>
            <LocalizedField
              t={t}
              path="title"
              label={t('campaigns.builder.title')}
              text={draft.title}
              language={language}
              uiLanguage={uiLanguage}
              errors={errors}
              required
              onChange={(title) => setDraft((current) => ({ ...current, title }))}
            />
            <LocalizedField
              t={t}
              path="description"
              label={t('campaigns.builder.description')}
              text={draft.description}
              language={language}
              uiLanguage={uiLanguage}
              errors={errors}
              multiline
              onChange={(description) => setDraft((current) => ({ ...current, description }))}
            />
            <div className="cp-settings-row">
              <DateField
                label={t('campaigns.column.opens')}
                name="opensOn"
                value={draft.opensOn}
                error={errors.opensOn}
                hint={t('campaigns.builder.opensHint')}
                onChange={(opensOn) => setDraft((current) => ({ ...current, opensOn }))}
              />
              <DateField
                label={t('campaigns.column.closes')}
                name="closesOn"
                value={draft.closesOn}
                error={errors.closesOn}
                onChange={(closesOn) => setDraft((current) => ({ ...current, closesOn }))}
              />
            </div>
            <CountryField
              label={t('campaigns.column.country')}
              description={locked ? t('campaigns.builder.countryLocked') : t('campaigns.builder.countryHint')}
              value={draft.countryCode}
              isDisabled={locked}
              error={errors.countryCode}
              onChange={(countryCode) => setDraft((current) => ({ ...current, countryCode }))}
            />
          </section>
          {draft.definition.sections.map((section, index) => {
            const first = number;
            number += section.questions.length;
            return (
              <SectionEditor
                key={uidOf(section)}
                ctx={ctx}
                index={index}
                count={draft.definition.sections.length}
                firstNumber={first}
                definition={draft.definition}
                section={section}
                countryName={countryName}
                fresh={fresh}
                onChange={(changed) => setSection(index, changed)}
                onMove={(to) => setDefinition({ sections: move(draft.definition.sections, index, to) })}
                onRemove={() =>
                  setDefinition(
                    dropBrokenConditions({
                      sections: draft.definition.sections.filter((_, at) => at !== index),
                    }),
                  )
                }
                onAddQuestion={(type) => addQuestion(index, type)}
              />
            );
          })}
          {!locked && <Button onPress={addSection}>{t('campaigns.builder.addSection')}</Button>}
        </TabPanel>
        <TabPanel id="preview">
          <p className="hint">{t('campaigns.builder.previewHint')}</p>
          <Select
            label={t('campaigns.builder.previewLanguage')}
            options={LANGUAGES.map((option) => ({ id: option, label: languageName(option, uiLanguage) }))}
            selectedKey={previewLanguage}
            onSelectionChange={(key) => {
              if (key !== null) setPreviewLanguage(key as Language);
            }}
          />
          <div className="cp-preview" lang={previewLanguage}>
            <h2 className="cp-preview-title">{pick(draft.title, previewLanguage)}</h2>
            {pick(draft.description, previewLanguage) && <p>{pick(draft.description, previewLanguage)}</p>}
            <FormView
              t={t}
              definition={draft.definition}
              language={previewLanguage}
              countryCode={draft.countryCode}
              source={preview}
              level={3}
            />
          </div>
        </TabPanel>
      </Tabs>
      <div className="cp-save-footer">
        <Problems
          t={t}
          uiLanguage={uiLanguage}
          definition={draft.definition}
          missing={missing}
          errors={errors}
          go={go}
        />
        {conflict && (
          <div role="alert" className="conflict">
            <p>{t('campaigns.builder.conflict', { version: conflict.version })}</p>
            <div className="form-actions">
              <Button onPress={() => void save(conflict.version)}>{t('campaigns.builder.saveOver')}</Button>
              <Button
                onPress={() => {
                  setDraft(toDraft(conflict));
                  setSaved(toBody(toDraft(conflict)));
                  setVersion(conflict.version);
                  setConflict(null);
                  setErrors({});
                }}
              >
                {t('campaigns.builder.takeTheirs')}
              </Button>
            </div>
          </div>
        )}
        {message && (
          <p role="alert" className="form-error">
            {message}
          </p>
        )}
        <div className="cp-save-row">
          <Button
            variant="primary"
            isPending={update.isPending}
            isDisabled={!dirty}
            onPress={() => void save()}
          >
            {t('campaigns.builder.save')}
          </Button>
          <span className="hint" aria-live="polite">
            {dirty ? t('campaigns.builder.unsaved') : t('campaigns.builder.allSaved')}
          </span>
        </div>
      </div>
      {!dirty && campaign.canEdit && (
        <section className="panel" aria-labelledby="cp-run-heading">
          <h2 id="cp-run-heading">{t('campaigns.builder.run')}</h2>
          <p className="hint">{t(`campaigns.builder.runHint.${campaign.status}`)}</p>
          <CampaignActions t={t} campaign={{ ...campaign, version }} />
        </section>
      )}
      <p>
        <Link href={`/workspace/campaigns/${campaign.id}`} variant="standalone">
          {t('campaigns.backToCampaign')}
        </Link>
      </p>
    </section>
  );
}
