import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ActivityResponse } from '../../../src/features/activities/activities.schema.ts';
import {
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_THEMES,
} from '../../../src/features/partnerships/partnerships.constants.ts';
import { getJson } from '../api/client.ts';
import { SearchBox } from '../components/SearchBox.tsx';
import { type PartnershipRecord, sendJson, uploadFile, WriteError } from './api.ts';
import { Field, FormMessage, SelectField, TextAreaField, useFormErrors } from './form.tsx';
import { History } from './History.tsx';
import { useWorkspaceTexts } from './texts.ts';
import { validationKey } from './validation.ts';

const LANGUAGES = ['fi', 'sv', 'en'] as const;
const DATE_FIELDS = ['signedOn', 'startedOn', 'endedOn', 'renewalOn'] as const;

type Draft = Pick<PartnershipRecord, 'status' | 'themes' | 'visibility'> &
  Record<(typeof DATE_FIELDS)[number], string> & {
    endReason: string;
    notes: string;
    descriptions: Record<string, string>;
    parties: { placeId: number | null; organizationId: number | null; name: string }[];
  };

const partyKey = (party: { placeId: number | null; organizationId: number | null }) =>
  party.placeId ? `p${party.placeId}` : `o${party.organizationId}`;

function toDraft(record: PartnershipRecord): Draft {
  return {
    status: record.status,
    themes: record.themes,
    visibility: record.visibility,
    signedOn: record.signedOn ?? '',
    startedOn: record.startedOn ?? '',
    endedOn: record.endedOn ?? '',
    renewalOn: record.renewalOn ?? '',
    endReason: record.endReason ?? '',
    notes: record.notes ?? '',
    descriptions: { ...record.descriptions },
    parties: record.parties.map(({ placeId, organizationId, name }) => ({ placeId, organizationId, name })),
  };
}

/** Only the fields the user changed, so that re-applying them after a conflict keeps everyone else's changes. */
function changes(original: Draft, draft: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  if (draft.status !== original.status) out.status = draft.status;
  if (draft.parties.map(partyKey).sort().join() !== original.parties.map(partyKey).sort().join()) {
    out.parties = draft.parties.map((party) =>
      party.placeId ? { placeId: party.placeId } : { organizationId: party.organizationId },
    );
  }
  if (draft.visibility !== original.visibility) out.visibility = draft.visibility;
  if (draft.themes.join() !== original.themes.join()) out.themes = draft.themes;
  for (const field of [...DATE_FIELDS, 'endReason', 'notes'] as const) {
    if (draft[field] !== original[field]) out[field] = orNull(draft[field]);
  }
  if (
    LANGUAGES.some(
      (language) => (draft.descriptions[language] ?? '') !== (original.descriptions[language] ?? ''),
    )
  ) {
    out.descriptions = Object.fromEntries(
      LANGUAGES.flatMap((language) => {
        const text = draft.descriptions[language]?.trim();
        return text ? [[language, text]] : [];
      }),
    );
  }
  return out;
}

function DocumentsPanel(props: {
  tie: PartnershipRecord;
  t: ReturnType<typeof useWorkspaceTexts>['t'];
  onChange: (next: PartnershipRecord) => Promise<void>;
}) {
  const { tie, t } = props;
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const form = useFormErrors();
  const reload = async () => props.onChange(await getJson<PartnershipRecord>(`/api/partnerships/${tie.id}`));
  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    try {
      await uploadFile(`/api/partnerships/${tie.id}/documents`, file);
      form.clear();
      form.setMessage(t('documents.uploaded'));
      await reload();
    } catch (failure) {
      form.fail(failure);
    }
  };
  const remove = async (documentId: number) => {
    await sendJson('DELETE', `/api/partnerships/${tie.id}/documents/${documentId}`);
    await reload();
  };
  return (
    <section className="panel">
      <h2>{t('tie.documents')}</h2>
      {tie.documents.length === 0 ? (
        <p>{t('documents.none')}</p>
      ) : (
        <ul>
          {tie.documents.map((document) => (
            <li key={document.id}>
              <a href={document.url} aria-label={t('documents.download', { name: document.fileName })}>
                {document.fileName}
              </a>{' '}
              ({Math.ceil(document.size / 1024)} KB)
              {tie.canEdit && (
                <>
                  {' '}
                  <button type="button" onClick={() => void remove(document.id)}>
                    {t('documents.remove', { name: document.fileName })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {tie.canEdit && !tie.deletedAt && (
        <form onSubmit={(event) => void upload(event)}>
          <div className="field">
            <label htmlFor={inputId}>{t('documents.upload')}</label>
            <input
              id={inputId}
              type="file"
              accept="application/pdf,image/png,image/jpeg,image/webp"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <FormMessage message={form.message} />
          <button type="submit" disabled={!file}>
            {t('documents.uploadButton')}
          </button>
        </form>
      )}
    </section>
  );
}

export function PartnershipPage() {
  const { t, ready } = useWorkspaceTexts();
  const { t: common } = useTranslation();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const record = useQuery({
    queryKey: ['partnership', id],
    queryFn: () => getJson<PartnershipRecord>(`/api/partnerships/${id}`),
  });
  const timeline = useQuery({
    queryKey: ['partnership-activities', id],
    queryFn: () => getJson<{ items: ActivityResponse[] }>('/api/activities', { partnershipId: id }),
    enabled: !!record.data?.canEdit,
  });
  const [editing, setEditing] = useState<{ original: Draft; draft: Draft; version: number } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<PartnershipRecord | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const formId = useId();

  if (!ready || record.isPending) return <p>…</p>;
  if (!record.data) return <p role="alert">{t('tie.notFound')}</p>;
  const tie = record.data;

  const refresh = async (next: PartnershipRecord) => {
    client.setQueryData(['partnership', id], next);
    await client.invalidateQueries({ queryKey: ['history'] });
  };

  const save = async (event?: FormEvent, base?: { version: number; original: Draft }) => {
    event?.preventDefault();
    if (!editing) return;
    const version = base?.version ?? editing.version;
    const body = { version, ...changes(editing.original, editing.draft) };
    try {
      const next = await sendJson<PartnershipRecord>('PATCH', `/api/partnerships/${id}`, body);
      await refresh(next);
      setEditing(null);
      setConflict(null);
      setErrors({});
      setMessage(t('tie.saved'));
    } catch (failure) {
      if (failure instanceof WriteError && failure.code === 'VERSION_CONFLICT') {
        setConflict(failure.current as PartnershipRecord);
        setMessage(null);
      } else if (failure instanceof WriteError && failure.details.length > 0) {
        setErrors(
          Object.fromEntries(
            failure.details.map((detail) => [
              detail.field.replace('body.', ''),
              t(validationKey(detail.message)),
            ]),
          ),
        );
        setMessage(t('tie.invalid'));
      } else {
        setMessage(t('tie.error', { message: failure instanceof Error ? failure.message : String(failure) }));
      }
    }
  };

  const reapply = async () => {
    if (!conflict || !editing) return;
    await refresh(conflict);
    const next = { ...editing, version: conflict.version };
    setEditing(next);
    const body = { version: conflict.version, ...changes(editing.original, editing.draft) };
    try {
      const saved = await sendJson<PartnershipRecord>('PATCH', `/api/partnerships/${id}`, body);
      await refresh(saved);
      setEditing(null);
      setConflict(null);
      setMessage(t('tie.saved'));
    } catch (failure) {
      if (failure instanceof WriteError && failure.code === 'VERSION_CONFLICT')
        setConflict(failure.current as PartnershipRecord);
      else
        setMessage(t('tie.error', { message: failure instanceof Error ? failure.message : String(failure) }));
    }
  };

  const setDeleted = async (deleted: boolean) => {
    const next = deleted
      ? await sendJson<PartnershipRecord>('DELETE', `/api/partnerships/${id}?version=${tie.version}`)
      : await sendJson<PartnershipRecord>('POST', `/api/partnerships/${id}/restore`, {
          version: tie.version,
        });
    await refresh(next);
  };

  const confirm = async (party: PartnershipRecord['parties'][number]) => {
    const target = party.placeId ? { placeId: party.placeId } : { organizationId: party.organizationId };
    const next = await sendJson<PartnershipRecord>('POST', `/api/partnerships/${id}/confirm`, {
      version: tie.version,
      party: target,
    });
    await refresh(next);
  };

  const update = (patch: Partial<Draft>) =>
    editing && setEditing({ ...editing, draft: { ...editing.draft, ...patch } });
  const title = `${tie.parties.map((party) => party.name).join(' – ')}`;

  return (
    <article>
      <p>
        <Link to="/workspace">{t('dashboard.title')}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {common(`kind.${tie.kind}`)}, {common(`status.${tie.status}`)}
        {tie.computed.years !== null && ` · ${t('tie.years', { count: tie.computed.years })}`}
      </p>
      {message && (
        <p role="status" className="form-message">
          {message}
        </p>
      )}
      <section className="panel">
        <h2>{t('tie.parties')}</h2>
        <ul>
          {tie.parties.map((party) => (
            <li key={`${party.placeId}-${party.organizationId}`}>
              {party.placeId ? <Link to={`/places/${party.placeId}`}>{party.name}</Link> : party.name}:{' '}
              {party.confirmedAt ? t('tie.confirmed') : t('tie.notConfirmed')}
              {party.canConfirm && (
                <>
                  {' '}
                  <button type="button" onClick={() => void confirm(party)}>
                    {t('tie.confirm', { name: party.name })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
        <p>
          {t('tie.sources')}:{' '}
          {tie.sources.length > 0 ? tie.sources.map((source) => source.name).join(', ') : t('tie.noSources')}
        </p>
      </section>

      {!editing && (
        <section className="panel">
          <dl>
            {DATE_FIELDS.map((field) => (
              <div key={field}>
                <dt>{t(`tie.${field}`)}</dt>
                <dd>{tie[field] ?? '–'}</dd>
              </div>
            ))}
            <div>
              <dt>{t('tie.themes')}</dt>
              <dd>{tie.themes.map((theme) => t(`theme.${theme}`)).join(', ') || '–'}</dd>
            </div>
            {LANGUAGES.filter((language) => tie.descriptions[language]).map((language) => (
              <div key={language}>
                <dt>{t('tie.description', { language: language.toUpperCase() })}</dt>
                <dd lang={language}>{tie.descriptions[language]}</dd>
              </div>
            ))}
            {tie.notes !== undefined && (
              <div>
                <dt>{t('tie.notes')}</dt>
                <dd>{tie.notes ?? '–'}</dd>
              </div>
            )}
          </dl>
          {tie.canEdit && (
            <button
              type="button"
              onClick={() =>
                setEditing({ original: toDraft(tie), draft: toDraft(tie), version: tie.version })
              }
            >
              {t('tie.edit')}
            </button>
          )}
        </section>
      )}

      {editing && (
        <form className="panel edit-form" onSubmit={(event) => void save(event)} noValidate>
          <h2>{t('tie.edit')}</h2>
          <SelectField
            label={t('tie.status')}
            name="status"
            value={editing.draft.status}
            error={errors.status}
            onChange={(status) => update({ status: status as Draft['status'] })}
            options={PARTNERSHIP_STATUSES.map((status) => ({
              value: status,
              label: common(`status.${status}`),
            }))}
          />
          {DATE_FIELDS.map((field) => (
            <Field
              key={field}
              label={t(`tie.${field}`)}
              hint={t('tie.dateHint')}
              name={field}
              inputMode="numeric"
              value={editing.draft[field]}
              error={errors[field]}
              onChange={(value) => update({ [field]: value })}
            />
          ))}
          <Field
            label={t('tie.endReason')}
            name="endReason"
            value={editing.draft.endReason}
            error={errors.endReason}
            onChange={(endReason) => update({ endReason })}
          />
          <fieldset>
            <legend>{t('tie.parties')}</legend>
            <ul>
              {editing.draft.parties.map((party) => (
                <li key={partyKey(party)}>
                  {party.name}{' '}
                  <button
                    type="button"
                    onClick={() =>
                      update({
                        parties: editing.draft.parties.filter((item) => partyKey(item) !== partyKey(party)),
                      })
                    }
                  >
                    {t('newTie.remove', { name: party.name })}
                  </button>
                </li>
              ))}
            </ul>
            <SearchBox
              onChoose={(place) =>
                editing.draft.parties.some((party) => party.placeId === place.id)
                  ? undefined
                  : update({
                      parties: [
                        ...editing.draft.parties,
                        { placeId: place.id, organizationId: null, name: place.name },
                      ],
                    })
              }
            />
            {errors.parties && <p className="field-error">{errors.parties}</p>}
          </fieldset>
          <fieldset>
            <legend>{t('tie.themes')}</legend>
            {PARTNERSHIP_THEMES.map((theme) => (
              <label key={theme} className="checkbox">
                <input
                  type="checkbox"
                  checked={editing.draft.themes.includes(theme)}
                  onChange={(event) =>
                    update({
                      themes: event.target.checked
                        ? [...editing.draft.themes, theme]
                        : editing.draft.themes.filter((item) => item !== theme),
                    })
                  }
                />
                {t(`theme.${theme}`)}
              </label>
            ))}
          </fieldset>
          {LANGUAGES.map((language) => (
            <TextAreaField
              key={language}
              label={t('tie.description', { language: language.toUpperCase() })}
              name={`description-${language}`}
              lang={language}
              value={editing.draft.descriptions[language] ?? ''}
              error={errors[`descriptions.${language}`]}
              onChange={(text) =>
                update({ descriptions: { ...editing.draft.descriptions, [language]: text } })
              }
            />
          ))}
          <TextAreaField
            label={t('tie.notes')}
            name="notes"
            value={editing.draft.notes}
            error={errors.notes}
            onChange={(notes) => update({ notes })}
          />
          <fieldset>
            <legend>{t('tie.visibility')}</legend>
            {(['published', 'internal'] as const).map((visibility) => (
              <label key={visibility} className="checkbox">
                <input
                  type="radio"
                  name={`${formId}-visibility`}
                  checked={editing.draft.visibility === visibility}
                  onChange={() => update({ visibility })}
                />
                {t(`tie.${visibility}`)}
              </label>
            ))}
          </fieldset>
          {conflict && (
            <div role="alert" className="conflict">
              <p>{t('tie.conflict')}</p>
              <p>
                {common(`status.${conflict.status}`)} ·{' '}
                {conflict.themes.map((theme) => t(`theme.${theme}`)).join(', ')}
              </p>
              <button type="button" onClick={() => void reapply()}>
                {t('tie.reapply')}
              </button>
            </div>
          )}
          <p>
            <button type="submit">{t('tie.save')}</button>{' '}
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setConflict(null);
                setErrors({});
              }}
            >
              {t('tie.cancel')}
            </button>
          </p>
        </form>
      )}

      <DocumentsPanel tie={tie} t={t} onChange={refresh} />

      {timeline.data && (
        <section className="panel">
          <h2>{t('tieActions.timeline')}</h2>
          {timeline.data.items.length === 0 ? (
            <p>{t('dashboard.none')}</p>
          ) : (
            <ol className="history">
              {timeline.data.items.map((activity) => (
                <li key={activity.id}>
                  <time dateTime={activity.occurredOn}>{activity.occurredOn}</time>{' '}
                  {t(`activityKind.${activity.kind}`)}: {activity.title}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}

      {tie.canEdit && (
        <p>
          {tie.deletedAt ? (
            <>
              <span role="status">{t('tieActions.deleted')}</span>{' '}
              <button type="button" onClick={() => void setDeleted(false)}>
                {t('tieActions.restore')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => void setDeleted(true)}>
              {t('tieActions.delete')}
            </button>
          )}
        </p>
      )}

      {tie.canEdit && <History t={t} url={`/api/partnerships/${id}/history`} title={t('tie.history')} />}
    </article>
  );
}
