import { type ReactNode, useMemo, useState } from 'react';
import type { WorkspaceT } from '../texts.ts';
import { AnswerInput } from './AnswerInputs.tsx';
import { AnswerView } from './AnswerView.tsx';
import { type Language, pick, visibleQuestions } from './campaign-model.ts';
import type { CampaignDefinition, CampaignQuestion } from './campaigns-api.ts';
import { GroupInput } from './GroupInput.tsx';
import { RegistryTableInput } from './RegistryTableInput.tsx';

/** Where a form's answers come from and go to: the autosaved response, or the builder's preview. */
export interface AnswerSource {
  value(key: string): unknown;
  values(): Map<string, unknown>;
  change(key: string, value: unknown): void;
  /** Save now (a choice made, a field left). */
  commit(key: string): void;
  hold(key: string, reason: string | null): void;
}

/** The element id of a question on the page, for links to it (the list of what is missing). */
export const questionId = (key: string) => `cp-q-${key}`;

/**
 * A campaign's form as a member sees it, in the campaign's language: its sections, and the questions shown given the
 * answers so far (a question whose condition no longer holds goes, and comes back with its answer kept). Read only
 * once submitted.
 */
export function FormView(props: {
  t: WorkspaceT;
  definition: CampaignDefinition;
  language: Language;
  countryCode: string | null;
  source: AnswerSource;
  readOnly?: boolean;
  /** Why an answer is refused, by question key; a group's or table's row fields by `<key>.<row>.<field>`. */
  errors?: Record<string, string>;
  /** Said under a question's label (pre-filled …). */
  note?: (question: CampaignQuestion) => ReactNode;
  /** Shown under a question's control (a conflict to settle …). */
  after?: (question: CampaignQuestion) => ReactNode;
  /** The heading level of the sections' titles. */
  level?: 2 | 3;
}) {
  const { t, definition, language, source } = props;
  const errors = props.errors ?? {};
  const values = source.values();
  const shown = visibleQuestions(definition, values);
  const SectionHeading = props.level === 3 ? 'h3' : 'h2';
  const rowErrors = (key: string) =>
    Object.fromEntries(
      Object.entries(errors)
        .filter(([field]) => field.startsWith(`${key}.`))
        .map(([field, message]) => [field.slice(key.length + 1), message]),
    );
  return (
    <div className="cp-form">
      {definition.sections.map((section) => {
        const questions = section.questions.filter((question) => shown.has(question.key));
        const description = pick(section.description, language);
        return (
          <section key={section.key} className="cp-section" aria-labelledby={`cp-s-${section.key}`}>
            <SectionHeading id={`cp-s-${section.key}`} className="cp-section-title">
              {pick(section.title, language)}
            </SectionHeading>
            {description && <p className="cp-section-description">{description}</p>}
            {questions.map((question) => {
              const note = props.note?.(question);
              const common = {
                t,
                language,
                value: source.value(question.key),
                onCommit: () => source.commit(question.key),
                onHold: (reason: string | null) => source.hold(question.key, reason),
                error: errors[question.key],
                note,
              };
              let control: ReactNode;
              if (props.readOnly) {
                control = (
                  <>
                    <h3 className="cp-question-title">{pick(question.label, language)}</h3>
                    <AnswerView t={t} question={question} value={common.value} language={language} />
                  </>
                );
              } else if (question.type === 'repeatable_group') {
                control = (
                  <GroupInput
                    {...common}
                    question={question}
                    errors={rowErrors(question.key)}
                    onChange={(rows) => source.change(question.key, rows)}
                  />
                );
              } else if (question.type === 'registry_table') {
                control = (
                  <RegistryTableInput
                    {...common}
                    question={question}
                    countryCode={props.countryCode}
                    errors={rowErrors(question.key)}
                    onChange={(rows) => source.change(question.key, rows)}
                  />
                );
              } else {
                control = (
                  <AnswerInput
                    {...common}
                    question={question}
                    onChange={(value) => source.change(question.key, value)}
                  />
                );
              }
              return (
                <div
                  key={question.key}
                  id={questionId(question.key)}
                  className="cp-question"
                  data-type={question.type}
                  tabIndex={-1}
                >
                  {control}
                  {props.after?.(question)}
                </div>
              );
            })}
          </section>
        );
      })}
    </div>
  );
}

/** Answers kept on the page only: the builder's preview, which saves nothing. */
export function useLocalAnswers(): AnswerSource {
  const [answers, setAnswers] = useState(() => new Map<string, unknown>());
  return useMemo(
    () => ({
      value: (key) => answers.get(key) ?? null,
      values: () => answers,
      change: (key, value) => setAnswers((current) => new Map(current).set(key, value)),
      commit: () => {},
      hold: () => {},
    }),
    [answers],
  );
}
