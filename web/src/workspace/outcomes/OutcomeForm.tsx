import { type FormEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEvents } from '../../api/events.ts';
import { useOrganizations } from '../../api/organizations.ts';
import {
  OUTCOME_KINDS,
  type Outcome,
  type OutcomeKind,
  useCreateOutcome,
  useSupportRequests,
  useUpdateOutcome,
} from '../../api/outcomes.ts';
import { usePeople } from '../../api/people.ts';
import { useDashboard } from '../../api/workspace.ts';
import { Button } from '../../ui/Button.tsx';
import type { WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { DateField, Field, FormMessage, SelectField, TextAreaField, useRecordForm } from '../ui/form.tsx';
import { visibilityOptions } from '../ui/visibility.ts';
import { Choices, CurrencyField, localized, RecordPicker, RecordsPicker } from './pickers.tsx';

const LANGUAGES = ['fi', 'sv', 'en'] as const;
type Language = (typeof LANGUAGES)[number];
type PerLanguage = Record<Language, string>;

interface TestimonialValues {
  key: number;
  personId: number | null;
  quote: PerLanguage;
  consentOn: string;
  consentNote: string;
}

const perLanguage = (texts: Record<string, string> | undefined): PerLanguage => ({
  fi: texts?.fi ?? '',
  sv: texts?.sv ?? '',
  en: texts?.en ?? '',
});

/** The texts typed, without the empty ones. */
const typed = (texts: PerLanguage) =>
  Object.fromEntries(
    Object.entries(texts)
      .filter(([, text]) => text.trim() !== '')
      .map(([key, text]) => [key, text.trim()]),
  );

let nextKey = 1;

/** What a new outcome starts with: today, and the records it is recorded from. */
export interface OutcomePreset {
  partnershipIds?: number[];
  supportRequestIds?: number[];
  eventIds?: number[];
}

function fieldsOf(outcome: Outcome | undefined, preset: OutcomePreset | undefined) {
  return {
    kind: outcome?.kind ?? ('lead' as OutcomeKind),
    achievedOn: outcome?.achievedOn ?? new Date().toISOString().slice(0, 10),
    title: perLanguage(outcome?.title),
    description: perLanguage(outcome?.description),
    amount: outcome?.value?.amount ?? '',
    currency: outcome?.value?.currency ?? 'EUR',
    evidenceUrl: outcome?.evidenceUrl ?? '',
    visibility: outcome?.visibility ?? ('internal' as Outcome['visibility']),
    partnershipIds: outcome?.partnershipIds ?? preset?.partnershipIds ?? [],
    eventIds: outcome?.eventIds ?? preset?.eventIds ?? [],
    supportRequestIds: outcome?.supportRequestIds ?? preset?.supportRequestIds ?? [],
    organizations: (outcome?.organizations ?? []).map((organization) => ({
      id: organization.id,
      label: organization.name,
    })),
    testimonials: (outcome?.testimonials ?? []).map(
      (testimonial): TestimonialValues => ({
        key: nextKey++,
        personId: testimonial.person.id,
        quote: perLanguage(testimonial.quote),
        consentOn: testimonial.consentOn,
        consentNote: testimonial.consentNote ?? '',
      }),
    ),
  };
}

type Values = ReturnType<typeof fieldsOf>;

/**
 * Records an outcome of the organisation, or edits one: kind, date, title and description in Finnish, Swedish and
 * English, a value in its own currency, evidence, who may see it, what it came of, who took part, and quotes.
 */
export function OutcomeForm(props: {
  t: WorkspaceT;
  organizationId: number;
  outcome?: Outcome;
  preset?: OutcomePreset;
  onSaved?: () => void;
  onCancel?: () => void;
  /** Brought into view with focus on its heading (when opened from a tie or a request). */
  focusOnMount?: boolean;
}) {
  const { t, outcome, organizationId } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const focusOnMount = props.focusOnMount;
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);
  const { i18n } = useTranslation();
  const language = i18n.language;
  const create = useCreateOutcome();
  const update = useUpdateOutcome();
  const ties = useDashboard(organizationId).data?.ties ?? [];
  const hosted = useEvents({ when: 'all', hostId: organizationId, limit: 200 }).data?.items ?? [];
  const invited = useEvents({ when: 'all', invitedId: organizationId, limit: 200 }).data?.items ?? [];
  const requests = useSupportRequests({ organizationId, limit: 200 }).data?.items ?? [];
  const organizations = useOrganizations().data?.items ?? [];
  const people = usePeople({ limit: 200 }).data?.items ?? [];
  const events = [...hosted, ...invited.filter((event) => !hosted.some((other) => other.id === event.id))];

  const form = useRecordForm(
    () => fieldsOf(outcome, props.preset),
    (values: Values) => ({
      kind: values.kind,
      achievedOn: values.achievedOn,
      title: typed(values.title),
      description: typed(values.description),
      value: values.amount.trim()
        ? { amount: values.amount.trim().replace(',', '.'), currency: values.currency }
        : null,
      evidenceUrl: values.evidenceUrl.trim() || null,
      visibility: values.visibility,
      partnershipIds: values.partnershipIds,
      eventIds: values.eventIds,
      supportRequestIds: values.supportRequestIds,
      organizationIds: values.organizations.map((organization) => organization.id),
      testimonials: values.testimonials.map((testimonial) => ({
        personId: testimonial.personId ?? 0,
        quote: typed(testimonial.quote),
        consentOn: testimonial.consentOn,
        consentNote: testimonial.consentNote.trim() || null,
      })),
    }),
  );
  const { values } = form;
  const error = (name: string) => form.errors[name];

  const submit = (event?: FormEvent, version = outcome?.version) => {
    event?.preventDefault();
    void form.save(
      async (body, changed) => {
        if (outcome) await update.mutateAsync({ id: outcome.id, version: version!, ...changed });
        else {
          await create.mutateAsync({ ...body, organizationId });
          form.set(fieldsOf(undefined, undefined));
        }
        props.onSaved?.();
      },
      t(outcome ? 'toast.saved' : 'outcomes.recorded'),
    );
  };

  const setText = (name: 'title' | 'description', key: Language, text: string) =>
    form.set({ [name]: { ...values[name], [key]: text } } as Partial<Values>);
  const setTestimonial = (index: number, changes: Partial<TestimonialValues>) =>
    form.set({
      testimonials: values.testimonials.map((testimonial, at) =>
        at === index ? { ...testimonial, ...changes } : testimonial,
      ),
    });

  return (
    <form className="panel edit-form outcome-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2 ref={heading} tabIndex={-1}>
        {outcome ? `${t('outcomes.edit')}: ${localized(outcome.title, language)}` : t('outcomes.record')}
      </h2>
      <SelectField
        label={t('outcomes.kind')}
        options={OUTCOME_KINDS.map((value) => ({ value, label: t(`outcomes.kinds.${value}`) }))}
        {...form.field('kind')}
      />
      <DateField label={t('outcomes.achievedOn')} {...form.field('achievedOn')} />
      <fieldset className="outcome-languages">
        <legend>{t('outcomes.titleLegend')}</legend>
        {LANGUAGES.map((key) => (
          <Field
            key={key}
            name={`title-${key}`}
            label={t(`outcomes.inLanguage.${key}`)}
            value={values.title[key]}
            onChange={(text) => setText('title', key, text)}
            error={error(`title.${key}`) ?? (key === 'fi' ? error('title') : undefined)}
          />
        ))}
      </fieldset>
      <fieldset className="outcome-languages">
        <legend>{t('outcomes.descriptionLegend')}</legend>
        {LANGUAGES.map((key) => (
          <TextAreaField
            key={key}
            name={`description-${key}`}
            lang={key}
            label={t(`outcomes.inLanguage.${key}`)}
            value={values.description[key]}
            onChange={(text) => setText('description', key, text)}
            error={error(`description.${key}`)}
          />
        ))}
      </fieldset>
      <div className="outcome-value">
        <Field
          label={t('outcomes.amount')}
          hint={t('outcomes.amountHint')}
          {...form.field('amount', 'value.amount')}
        />
        <CurrencyField
          label={t('outcomes.currency')}
          language={language}
          value={values.currency}
          onChange={(currency) => form.set({ currency })}
          error={error('value.currency')}
        />
      </div>
      <Field label={t('outcomes.evidenceUrl')} type="url" {...form.field('evidenceUrl')} />
      <SelectField label={t('tie.visibility')} options={visibilityOptions(t)} {...form.field('visibility')} />
      <Choices
        legend={t('outcomes.ties')}
        items={ties.map((tie) => ({ id: tie.id, label: tie.partners }))}
        chosen={values.partnershipIds}
        onChange={(partnershipIds) => form.set({ partnershipIds })}
      />
      <Choices
        legend={t('outcomes.events')}
        items={events.map((event) => ({ id: event.id, label: localized(event.title, language) }))}
        chosen={values.eventIds}
        onChange={(eventIds) => form.set({ eventIds })}
      />
      <Choices
        legend={t('outcomes.supportRequests')}
        items={requests.map((request) => ({
          id: request.id,
          label: `${request.company.name}: ${t(`outcomes.needs.${request.need}`)} (${request.receivedOn})`,
        }))}
        chosen={values.supportRequestIds}
        onChange={(supportRequestIds) => form.set({ supportRequestIds })}
      />
      <RecordsPicker
        t={t}
        label={t('outcomes.organizations')}
        items={organizations.map((organization) => ({ id: organization.id, label: organization.name }))}
        chosen={values.organizations}
        onChange={(chosen) => form.set({ organizations: chosen })}
      />
      <fieldset className="outcome-testimonials">
        <legend>{t('outcomes.testimonials')}</legend>
        {values.testimonials.map((testimonial, index) => (
          <fieldset key={testimonial.key} className="outcome-testimonial">
            <legend>{t('outcomes.testimonialNumber', { number: index + 1 })}</legend>
            <RecordPicker
              label={t('outcomes.person')}
              items={people.map((person) => ({ id: person.id, label: person.name ?? `#${person.id}` }))}
              value={testimonial.personId}
              onChange={(personId) => setTestimonial(index, { personId })}
              error={error(`testimonials.${index}.personId`)}
            />
            {LANGUAGES.map((key) => (
              <TextAreaField
                key={key}
                name={`quote-${index}-${key}`}
                lang={key}
                label={`${t('outcomes.quote')} (${t(`outcomes.inLanguage.${key}`)})`}
                value={testimonial.quote[key]}
                onChange={(text) => setTestimonial(index, { quote: { ...testimonial.quote, [key]: text } })}
                error={
                  error(`testimonials.${index}.quote.${key}`) ??
                  (key === 'fi' ? error(`testimonials.${index}.quote`) : undefined)
                }
              />
            ))}
            <DateField
              label={t('outcomes.consentOn')}
              name={`consent-${index}`}
              value={testimonial.consentOn}
              onChange={(consentOn) => setTestimonial(index, { consentOn })}
              error={error(`testimonials.${index}.consentOn`)}
            />
            <Field
              label={t('outcomes.consentNote')}
              name={`consent-note-${index}`}
              value={testimonial.consentNote}
              onChange={(consentNote) => setTestimonial(index, { consentNote })}
              error={error(`testimonials.${index}.consentNote`)}
            />
            <Button
              size="s"
              variant="secondary"
              onPress={() => form.set({ testimonials: values.testimonials.filter((_, at) => at !== index) })}
            >
              {t('outcomes.removeTestimonial', { number: index + 1 })}
            </Button>
          </fieldset>
        ))}
        <Button
          size="s"
          variant="secondary"
          onPress={() =>
            form.set({
              testimonials: [
                ...values.testimonials,
                {
                  key: nextKey++,
                  personId: null,
                  quote: perLanguage(undefined),
                  consentOn: new Date().toISOString().slice(0, 10),
                  consentNote: '',
                },
              ],
            })
          }
        >
          {t('outcomes.addTestimonial')}
        </Button>
      </fieldset>
      {form.conflict && outcome && (
        <ConflictNotice
          t={t}
          original={outcome}
          current={form.conflict}
          fields={['kind', 'achievedOn', 'title', 'description', 'value', 'evidenceUrl', 'visibility']}
          onReapply={() => submit(undefined, form.conflict?.version)}
        />
      )}
      <FormMessage message={form.message} />
      <div className="outcome-buttons">
        <Button type="submit" variant="primary">
          {outcome ? t('organization.save') : t('outcomes.save')}
        </Button>
        {props.onCancel && (
          <Button variant="secondary" onPress={props.onCancel}>
            {t('outcomes.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
