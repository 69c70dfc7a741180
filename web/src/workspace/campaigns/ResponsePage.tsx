import { type ReactNode, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useSession } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { useFormat } from '../../format.ts';
import { Button } from '../../ui/Button.tsx';
import { Link } from '../../ui/Link.tsx';
import { Select } from '../../ui/Select.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { useCurrentOrganization } from '../shell/current-organization.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { validationKey } from '../ui/validation.ts';
import { AnswerView } from './AnswerView.tsx';
import { ApplyStep } from './ApplyStep.tsx';
import { type Autosave, type FormSaveStatus, useAutosave } from './autosave.ts';
import { campaignLanguage, missingAnswers, pick, questionsOf } from './campaign-model.ts';
import {
  type CampaignDefinition,
  type CampaignQuestion,
  type CampaignResponse,
  type ResponseDetail,
  useCampaign,
  useResponse,
  useSubmitResponse,
} from './campaigns-api.ts';
import { type AnswerSource, FormView, questionId } from './FormView.tsx';
import './campaigns.css';

/** A positive integer from an address's parameter, else undefined. */
export const idParam = (value: string | null | undefined) => {
  const id = Number(value ?? Number.NaN);
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

/** The form's save status: shown in words, and announced politely only when it settles (not at every "Saving…"). */
function SaveStatus({ t, autosave }: { t: WorkspaceT; autosave: Autosave }) {
  const settled = useRef<FormSaveStatus>('idle');
  if (autosave.status !== 'saving') settled.current = autosave.status;
  const words: Record<FormSaveStatus, string> = {
    idle: t('campaigns.save.idle'),
    saving: t('campaigns.save.saving'),
    saved: t('campaigns.save.saved'),
    failed: t('campaigns.save.failed'),
    invalid: t('campaigns.save.invalid'),
    conflict: t('campaigns.save.conflict'),
  };
  return (
    <div className="cp-save-bar" data-status={autosave.status}>
      <span className="cp-save-status" aria-hidden="true">
        <span className="cp-save-dot" />
        {words[autosave.status]}
      </span>
      {autosave.status === 'failed' && (
        <Button size="s" onPress={autosave.retry}>
          {t('campaigns.save.retry')}
        </Button>
      )}
      <span role="status" className="visually-hidden">
        {settled.current === 'idle' ? '' : words[settled.current]}
      </span>
    </div>
  );
}

/** The API's refusal of an answer, as errors on the question and on its rows' fields. */
function refusalErrors(t: WorkspaceT, key: string, failure: ApiError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const detail of failure.details) {
    const rest = detail.field.replace(/^body\.value\.?/, '');
    const text = t(validationKey(detail.message));
    if (rest === '') errors[key] = text;
    else {
      // A row's field (0.name) is shown on the field; the row's own problems on the question.
      const [row, field] = rest.split('.');
      if (field) errors[`${key}.${row}.${field}`] = text;
      else errors[key] = text;
    }
  }
  if (!errors[key] && Object.keys(errors).length === 0) errors[key] = t('campaigns.answer.refused');
  return errors;
}

/** A member's missing answers as the API lists them (answers.<key>, answers.<key>.<row>.<field>). */
type Missing = { questionKey: string; row?: number; fieldKey?: string }[];

function missingFromDetails(failure: ApiError): Missing {
  return failure.details.flatMap((detail) => {
    const match = /^answers\.([a-z][a-z0-9_]*)(?:\.(\d+)\.([a-z][a-z0-9_]*))?$/.exec(detail.field);
    if (!match) return [];
    return [
      match[2] === undefined
        ? { questionKey: match[1]! }
        : { questionKey: match[1]!, row: Number(match[2]), fieldKey: match[3]! },
    ];
  });
}

/** The list of what must be answered before the response can be submitted, each a link to its question. */
function MissingList(props: {
  t: WorkspaceT;
  definition: CampaignDefinition;
  language: ReturnType<typeof campaignLanguage>;
  missing: Missing;
  headingRef: React.RefObject<HTMLDivElement | null>;
}) {
  const { t, definition, language } = props;
  const questions = new Map(questionsOf(definition).map((question) => [question.key, question]));
  const text = (item: Missing[number]) => {
    const question = questions.get(item.questionKey);
    const label = pick(question?.label, language) || item.questionKey;
    if (item.fieldKey === undefined || question?.type !== 'repeatable_group') return label;
    const field = question.fields.find((candidate) => candidate.key === item.fieldKey);
    return t('campaigns.respond.missingField', {
      name: label,
      number: (item.row ?? 0) + 1,
      field: pick(field?.label, language) || item.fieldKey,
    });
  };
  return (
    <div ref={props.headingRef} tabIndex={-1} role="alert" className="cp-missing">
      <p>{t('campaigns.respond.missing', { count: props.missing.length })}</p>
      <ul>
        {props.missing.map((item) => (
          <li key={`${item.questionKey}-${item.row ?? ''}-${item.fieldKey ?? ''}`}>
            <a
              href={`#${questionId(item.questionKey)}`}
              onClick={(event) => {
                event.preventDefault();
                const element = document.getElementById(questionId(item.questionKey));
                element?.scrollIntoView({ block: 'center' });
                const control = element?.querySelector<HTMLElement>(
                  'input:not([type="hidden"]), textarea, [role="spinbutton"], button',
                );
                (control ?? element)?.focus({ preventScroll: true });
              }}
            >
              {text(item)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Under a question whose answer met a colleague's newer one: both answers, and which to keep. */
function ConflictChoice(props: {
  t: WorkspaceT;
  question: CampaignQuestion;
  language: ReturnType<typeof campaignLanguage>;
  autosave: Autosave;
}) {
  const { t, question, autosave } = props;
  const entry = autosave.entry(question.key);
  if (entry?.state !== 'conflict' || !entry.theirs) return null;
  return (
    <div role="alert" className="conflict cp-conflict">
      <p>{t('campaigns.conflict.text')}</p>
      <div className="cp-conflict-values">
        <div>
          <p className="cp-conflict-label">{t('campaigns.conflict.theirs')}</p>
          <AnswerView t={t} question={question} value={entry.theirs.value} language={props.language} />
        </div>
        <div>
          <p className="cp-conflict-label">{t('campaigns.conflict.mine')}</p>
          <AnswerView t={t} question={question} value={entry.value} language={props.language} />
        </div>
      </div>
      <div className="form-actions">
        <Button
          size="s"
          onPress={() => autosave.keepMine(question.key)}
          aria-label={t('campaigns.conflict.keepMineNamed', { name: pick(question.label, props.language) })}
        >
          {t('campaigns.conflict.keepMine')}
        </Button>
        <Button
          size="s"
          onPress={() => autosave.takeTheirs(question.key)}
          aria-label={t('campaigns.conflict.takeTheirsNamed', { name: pick(question.label, props.language) })}
        >
          {t('campaigns.conflict.takeTheirs')}
        </Button>
      </div>
    </div>
  );
}

/** The organisation a response is for: the address's, else the workspace's when it may answer, else the first. */
function useAnsweringFor(campaign: CampaignResponse | undefined): number | undefined {
  const [search] = useSearchParams();
  const current = useCurrentOrganization();
  const named = idParam(search.get('organization'));
  if (named !== undefined) return named;
  const answerable = campaign?.answerableFor ?? [];
  if (current.id !== undefined && answerable.some((member) => member.id === current.id)) return current.id;
  return answerable[0]?.id ?? current.id;
}

/**
 * A member's response to a campaign (/workspace/campaigns/:id/respond?organization=): the form in the reader's
 * language, pre-filled from the registry and from the previous round (and said to be so), every answer saved as it is
 * typed, with the form's save status; a colleague's newer answer to the same question shown beside this user's, to
 * choose between. Submitted once every required question shown is answered (what is missing listed and linked);
 * then read only, with the step that applies the registry tables to the member's ties.
 */
export function ResponsePage() {
  const { t, ready, language: uiLanguage } = useWorkspaceTexts();
  const params = useParams();
  const [, setSearch] = useSearchParams();
  const campaignId = idParam(params.id);
  const campaign = useCampaign(campaignId);
  const organizationId = useAnsweringFor(campaign.data);
  const response = useResponse(campaignId ?? 0, organizationId, campaign.isSuccess);
  const session = useSession();

  if (!ready) return <Skeleton lines={4} />;
  const failure = campaign.error ?? response.error;
  const title = campaign.data
    ? pick(campaign.data.title, campaignLanguage(uiLanguage))
    : t('campaigns.respond.title');
  let body: ReactNode;
  // A member's reader who may not answer finds no response until one of its editors starts it.
  const ownMember = session.data?.memberships.some((member) => member.organizationId === organizationId);
  if (failure instanceof ApiError && failure.code === 'RESPONSE_NOT_FOUND' && ownMember)
    body = <EmptyState title={t('campaigns.respond.notStarted')} />;
  else if (campaignId === undefined || (failure instanceof ApiError && failure.status === 404))
    body = <EmptyState title={t('campaigns.respond.notFound')} />;
  else if (failure instanceof ApiError && failure.status === 403)
    body = <EmptyState title={t('campaigns.forbidden')} />;
  else if (failure)
    body = (
      <ErrorState
        message={t('campaigns.loadError')}
        onRetry={() => void (campaign.isError ? campaign.refetch() : response.refetch())}
      />
    );
  else if (!campaign.data || !response.data || organizationId === undefined)
    body = <Skeleton lines={8} label={t('campaigns.respond.loading')} />;
  else
    body = (
      <ResponseForm
        key={`${campaign.data.id}-${organizationId}`}
        t={t}
        campaign={campaign.data}
        response={response.data}
        organizationId={organizationId}
      />
    );
  const answerable = campaign.data?.answerableFor ?? [];
  return (
    <section className="cp-page">
      <div className="ws-page-header">
        <h1>{title}</h1>
      </div>
      {answerable.length > 1 && organizationId !== undefined && (
        <div className="cp-answering-for">
          <Select
            label={t('campaigns.respond.answeringFor')}
            options={answerable.map((member) => ({ id: member.id, label: member.name }))}
            selectedKey={organizationId}
            onSelectionChange={(key) => {
              if (key !== null) setSearch({ organization: String(key) }, { replace: true });
            }}
          />
        </div>
      )}
      {body}
    </section>
  );
}

function ResponseForm(props: {
  t: WorkspaceT;
  campaign: CampaignResponse;
  response: ResponseDetail;
  organizationId: number;
}) {
  const { t, campaign, response, organizationId } = props;
  const { language: uiLanguage } = useWorkspaceTexts();
  const language = campaignLanguage(uiLanguage);
  const format = useFormat();
  const session = useSession();
  const definition = campaign.definition;
  const autosave = useAutosave({
    campaignId: campaign.id,
    organizationId,
    response,
    csrfToken: session.data?.csrfToken ?? null,
    enabled: response.canAnswer,
  });
  const submit = useSubmitResponse();
  const [missing, setMissing] = useState<Missing>([]);
  const [message, setMessage] = useState<string | null>(null);
  const missingRef = useRef<HTMLDivElement>(null);

  const source = useMemo<AnswerSource>(
    () => ({
      value: autosave.value,
      values: autosave.values,
      change: (key, value) => {
        autosave.change(key, value);
        if (missing.length > 0) setMissing((current) => current.filter((item) => item.questionKey !== key));
      },
      commit: autosave.flush,
      hold: autosave.hold,
    }),
    [autosave, missing.length],
  );

  const errors: Record<string, string> = {};
  for (const question of questionsOf(definition)) {
    const entry = autosave.entry(question.key);
    if (entry?.state === 'invalid' && entry.failure instanceof ApiError)
      Object.assign(errors, refusalErrors(t, question.key, entry.failure));
    if (entry?.state === 'failed' && entry.failure !== undefined)
      errors[question.key] = failureText(t, entry.failure);
  }
  for (const item of missing) {
    const field =
      item.fieldKey === undefined ? item.questionKey : `${item.questionKey}.${item.row}.${item.fieldKey}`;
    errors[field] ??= t('validation.required');
  }

  // Where a pre-filled answer came from, said until someone saves it (the server clears the mark on a save).
  const note = (question: CampaignQuestion): ReactNode => {
    const entry = autosave.entry(question.key);
    const read = response.answers[question.key];
    if (!read?.prefilled || entry?.version !== read.version || entry.state !== 'saved') return null;
    return read.prefilled === 'registry' ? (
      <span className="cp-tag" data-tone="registry">
        {t('campaigns.respond.fromRegistry')}
      </span>
    ) : (
      <span className="cp-tag" data-tone="previous">
        {t('campaigns.respond.fromPrevious')}
      </span>
    );
  };

  const send = async () => {
    setMessage(null);
    const saved = await autosave.flushAll();
    if (!saved) {
      setMessage(t('campaigns.respond.unsaved'));
      return;
    }
    const left = missingAnswers(definition, autosave.values());
    if (left.length > 0) {
      setMissing(left);
      requestAnimationFrame(() => missingRef.current?.focus());
      return;
    }
    try {
      await submit.mutateAsync({ id: campaign.id, organizationId, version: response.version });
      setMissing([]);
      showToast({ title: t('campaigns.respond.submitted'), tone: 'success' });
    } catch (failure) {
      const listed =
        failure instanceof ApiError && failure.code === 'VALIDATION_FAILED'
          ? missingFromDetails(failure)
          : [];
      if (listed.length > 0) {
        setMissing(listed);
        requestAnimationFrame(() => missingRef.current?.focus());
      } else setMessage(failureText(t, failure));
    }
  };

  const closes = campaign.closesOn ? format.date(campaign.closesOn) : null;
  const description = pick(campaign.description, language);
  const submitted = response.status === 'submitted';
  return (
    <>
      <p className="cp-lead">
        {t('campaigns.respond.lead', {
          organization: response.organization.name,
          network: pick(campaign.network.name, language),
        })}
        {closes && <> {t('campaigns.respond.closes', { date: closes })}</>}
      </p>
      {description && <p>{description}</p>}
      {submitted ? (
        <div className="cp-submitted" role="status">
          <p>
            {t('campaigns.respond.submittedOn', {
              date: format.date(
                (response.submittedAt ?? '').slice(0, 10) || new Date().toISOString().slice(0, 10),
              ),
            })}{' '}
            {t('campaigns.respond.reopenHint')}
          </p>
        </div>
      ) : !response.canAnswer ? (
        <p className="hint">
          {campaign.status !== 'open'
            ? t(`campaigns.respond.notOpen.${campaign.status}`)
            : t('campaigns.respond.viewOnly')}
        </p>
      ) : (
        <>
          <p className="hint">{t('campaigns.respond.intro')}</p>
          <SaveStatus t={t} autosave={autosave} />
        </>
      )}
      {submitted && response.canApply && (
        <ApplyStep t={t} campaignId={campaign.id} organizationId={organizationId} />
      )}
      <FormView
        t={t}
        definition={definition}
        language={language}
        countryCode={campaign.countryCode}
        source={source}
        readOnly={!response.canAnswer}
        errors={errors}
        note={response.canAnswer ? note : undefined}
        after={(question) => (
          <ConflictChoice t={t} question={question} language={language} autosave={autosave} />
        )}
      />
      {response.canSubmit && (
        <div className="cp-submit">
          {missing.length > 0 && (
            <MissingList
              t={t}
              definition={definition}
              language={language}
              missing={missing}
              headingRef={missingRef}
            />
          )}
          {message && (
            <p role="alert" className="form-error">
              {message}
            </p>
          )}
          <Button variant="primary" isPending={submit.isPending} onPress={() => void send()}>
            {t('campaigns.respond.submit')}
          </Button>
          <p className="hint">{t('campaigns.respond.submitHint')}</p>
        </div>
      )}
      <p>
        <Link href={`/workspace/campaigns/${campaign.id}`} variant="standalone">
          {t('campaigns.backToCampaign')}
        </Link>
      </p>
    </>
  );
}
