import { type FormEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INVITATION_STATUSES, INVITEE_ANSWERS, type InvitationResponse } from '../../../../src/contract.ts';
import { ApiError } from '../../api/client.ts';
import {
  type InvitationItem,
  type ListedEvent,
  useInvitations,
  useUpdateInvitation,
} from '../../api/events.ts';
import { usePeople } from '../../api/people.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { choiceFilter, type DataColumn, DataTable } from '../../ui/DataTable.tsx';
import { Link } from '../../ui/Link.tsx';
import { Radio, RadioGroup } from '../../ui/RadioGroup.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { ConflictNotice } from '../ui/ConflictNotice.tsx';
import { ActionButton } from '../ui/failure.tsx';
import { FormMessage, useForm } from '../ui/form.tsx';
import { actionsColumn } from '../ui/RecordTable.tsx';
import { titleIn } from './event-views.ts';

type Answer = (typeof INVITEE_ANSWERS)[number];
const isAnswer = (status: string): status is Answer =>
  (INVITEE_ANSWERS as readonly string[]).includes(status);

/**
 * A panel under the events table, named by its heading, with a button that closes it. Opening it moves focus to
 * its heading, so that the keyboard and the screen reader go on from there.
 */
function Panel(props: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useWorkspaceTexts();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel ev-panel" aria-labelledby={headingId}>
      <div className="ev-panel-header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {props.title}
        </h2>
        <Button size="s" variant="secondary" onPress={props.onClose}>
          {t('events.close')}
        </Button>
      </div>
      {props.children}
    </section>
  );
}

/** The event's invitations as the reader may see them: a skeleton while they load, their failure with a Retry. */
function InvitationsOf(props: { eventId: number; children: (items: InvitationItem[]) => ReactNode }) {
  const { t } = useWorkspaceTexts();
  const invitations = useInvitations(props.eventId);
  if (invitations.isPending) return <Skeleton lines={3} label={t('events.invitationsLoading')} />;
  if (invitations.isError)
    return <ErrorState message={t('lists.error')} onRetry={() => void invitations.refetch()} />;
  return <>{props.children(invitations.data.items)}</>;
}

/**
 * Answering the organisation's invitations to an event: for each (its own, and its city's), the answer and the
 * delegates it sends, for its editors; the others see how it stands.
 */
export function AnswerPanel(props: {
  event: ListedEvent;
  organization: { id: number; name: string };
  onClose: () => void;
}) {
  const { t } = useWorkspaceTexts();
  const { i18n } = useTranslation();
  const ours = new Set((props.event.invitations ?? []).map((invitation) => invitation.id));
  return (
    <Panel
      title={t('events.answerTitle', { title: titleIn(props.event, i18n.language) })}
      onClose={props.onClose}
    >
      <InvitationsOf eventId={props.event.id}>
        {(items) =>
          items
            .filter((item) => ours.has(item.id))
            .map((item) => (
              <AnswerForm key={item.id} invitation={item} organization={props.organization} t={t} />
            ))
        }
      </InvitationsOf>
    </Panel>
  );
}

/** The form of one invitation: the answer as radios, the delegates chosen from the organisation's people. */
function AnswerForm(props: {
  invitation: InvitationItem;
  organization: { id: number; name: string };
  t: WorkspaceT;
}) {
  const { invitation, t } = props;
  const { t: common } = useTranslation();
  const update = useUpdateInvitation();
  const people = usePeople({ organizationId: props.organization.id, limit: 200 });
  const form = useForm(() => ({
    status: isAnswer(invitation.status) ? invitation.status : ('' as Answer | ''),
    delegateIds: (invitation.delegates ?? []).map((delegate) => delegate.id),
  }));
  const body = (values: typeof form.values) => ({
    ...(values.status ? { status: values.status } : {}),
    delegateIds: values.delegateIds,
  });
  // What was saved last (at first, what the form started with): a save sends only what changed since, so that
  // saving over a newer answer keeps what the other person changed and this user did not.
  const [saved, setSaved] = useState(() => body(form.values));
  const [conflict, setConflict] = useState<InvitationResponse | null>(null);
  // The invitation as this form last knew it (as it opened, then as each save left it): its version is the one a
  // save is made on, and a conflict shows what changed since.
  const [known, setKnown] =
    useState<Pick<InvitationResponse, 'status' | 'delegates' | 'version'>>(invitation);
  const [search, setSearch] = useState('');
  const headingId = useId();

  /** Everyone the form can name: the organisation's people, and the delegates named already. */
  const names = useMemo(() => {
    const known = new Map<number, string>();
    for (const delegate of invitation.delegates ?? [])
      known.set(delegate.id, delegate.name ?? `#${delegate.id}`);
    for (const person of people.data?.items ?? []) if (person.name) known.set(person.id, person.name);
    return known;
  }, [invitation.delegates, people.data]);
  const candidates = (people.data?.items ?? [])
    .filter((person) => person.name && !form.values.delegateIds.includes(person.id))
    .map((person) => ({ id: person.id, label: person.name! }));

  const statusText = (status: string) => common(`event.invitation.${status}`);
  const shown = (record: { status: string; delegates: { id: number; name: string | null }[] | null }) => ({
    [t('events.ourAnswer')]: statusText(record.status),
    [t('events.delegates')]: (record.delegates ?? []).map((delegate) => delegate.name ?? '').join(', '),
  });

  const submit = (event?: FormEvent, version = known.version) => {
    event?.preventDefault();
    const unchanged =
      JSON.stringify([...form.values.delegateIds].sort()) === JSON.stringify([...saved.delegateIds].sort());
    if (form.values.status === '' && unchanged) {
      form.refuse(t('events.chooseAnswer'));
      return;
    }
    const done = form.values.status
      ? t('events.answered', { name: invitation.invitee.name, status: statusText(form.values.status) })
      : t('events.delegatesSaved', { name: invitation.invitee.name });
    const all = body(form.values);
    const changed = Object.fromEntries(
      Object.entries(all).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(saved[key as keyof typeof saved]),
      ),
    );
    // Saving again what was saved last still sends it: the answer stands, and the version is checked.
    const sent = Object.keys(changed).length > 0 ? changed : all;
    update.mutateAsync({ eventId: invitation.eventId, invitationId: invitation.id, version, ...sent }).then(
      (answered) => {
        setConflict(null);
        setSaved(all);
        setKnown(answered);
        form.succeed(done);
      },
      (failure: unknown) => {
        if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT')
          setConflict(failure.current as InvitationResponse);
        // A refusal says who may answer, rather than only that this user may not.
        else if (failure instanceof ApiError && failure.status === 403)
          form.refuse(t('events.answerForbidden', { name: invitation.invitee.name }));
        else form.fail(failure);
      },
    );
  };

  return (
    <form className="ev-answer" aria-labelledby={headingId} onSubmit={(event) => submit(event)} noValidate>
      <h3 id={headingId}>
        {t('events.invitationOf', { name: invitation.invitee.name })}{' '}
        <span className="ev-status" data-status={invitation.status}>
          {statusText(invitation.status)}
        </span>
      </h3>
      {!invitation.canAnswer ? (
        <>
          <p>
            {t('events.delegates')}:{' '}
            {(invitation.delegates ?? []).map((delegate) => delegate.name).join(', ') ||
              t('events.noDelegates')}
          </p>
          <p className="hint">{t('events.cannotAnswer', { name: invitation.invitee.name })}</p>
        </>
      ) : (
        <>
          <RadioGroup
            label={t('events.ourAnswer')}
            orientation="horizontal"
            value={form.values.status || null}
            onChange={(value) => {
              if (isAnswer(value)) form.set({ status: value });
            }}
            isInvalid={!!form.errors.status}
            errorMessage={form.errors.status}
          >
            {INVITEE_ANSWERS.map((answer) => (
              <Radio key={answer} value={answer}>
                {t(`events.answers.${answer}`)}
              </Radio>
            ))}
          </RadioGroup>
          <fieldset className="ev-delegates">
            <legend>{t('events.delegates')}</legend>
            {form.values.delegateIds.length === 0 ? (
              <p className="hint">{t('events.noDelegates')}</p>
            ) : (
              <ul className="ws-party-list">
                {form.values.delegateIds.map((id) => (
                  <li key={id}>
                    <span>{names.get(id) ?? `#${id}`}</span>
                    <Button
                      size="s"
                      variant="quiet"
                      onPress={() =>
                        form.set({ delegateIds: form.values.delegateIds.filter((other) => other !== id) })
                      }
                    >
                      {t('events.removeDelegate', { name: names.get(id) ?? `#${id}` })}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <ComboBox
              label={t('events.addDelegate')}
              description={t('events.addDelegateHint', { name: props.organization.name })}
              options={candidates}
              inputValue={search}
              onInputChange={setSearch}
              selectedKey={null}
              onSelectionChange={(key) => {
                if (key === null) return;
                form.set({ delegateIds: [...form.values.delegateIds, Number(key)] });
                setSearch('');
              }}
              errorMessage={
                Object.entries(form.errors).find(([field]) => field.startsWith('delegateIds'))?.[1]
              }
              isInvalid={Object.keys(form.errors).some((field) => field.startsWith('delegateIds'))}
            />
          </fieldset>
          {conflict && (
            <ConflictNotice
              t={t}
              message={t('events.conflict')}
              original={shown(known)}
              current={shown(conflict)}
              fields={[t('events.ourAnswer'), t('events.delegates')]}
              onReapply={() => submit(undefined, conflict.version)}
            />
          )}
          <FormMessage message={form.message} />
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('events.saveAnswer')}
          </Button>
        </>
      )}
    </form>
  );
}

/**
 * Who came to an event the organisation hosts: every invitation with its status and delegates, and for the hosts'
 * editors a button each to record that the invitee attended or did not.
 */
export function AttendancePanel(props: { event: ListedEvent; onClose: () => void }) {
  const { t } = useWorkspaceTexts();
  const { t: common, i18n } = useTranslation();
  const update = useUpdateInvitation();
  const title = titleIn(props.event, i18n.language);
  const columns = useMemo<DataColumn<InvitationItem>[]>(
    () => [
      {
        id: 'invitee',
        header: t('events.invitee'),
        value: (item) => item.invitee.name,
        cell: (item) =>
          item.invitee.type === 'place' ? (
            <Link href={`/places/${item.invitee.id}`} variant="standalone">
              {item.invitee.name}
            </Link>
          ) : (
            item.invitee.name
          ),
        required: true,
        filter: 'text',
      },
      {
        id: 'status',
        header: t('events.column.status'),
        value: (item) => common(`event.invitation.${item.status}`),
        cell: (item) => (
          <span className="ev-status" data-status={item.status}>
            {common(`event.invitation.${item.status}`)}
          </span>
        ),
        filter: choiceFilter(INVITATION_STATUSES, (status) => common(`event.invitation.${status}`)),
      },
      {
        id: 'delegates',
        header: t('events.delegates'),
        value: (item) => (item.delegates ?? []).map((delegate) => delegate.name ?? '').join(', '),
      },
      actionsColumn(
        t,
        (item) =>
          item.canRecord && (
            <span className="ws-row-actions">
              {(['attended', 'no_show'] as const).map((status) => (
                <ActionButton
                  key={status}
                  size="s"
                  variant={item.status === status ? 'secondary' : 'quiet'}
                  onPress={() =>
                    update.mutateAsync({
                      eventId: item.eventId,
                      invitationId: item.id,
                      version: item.version,
                      status,
                    })
                  }
                  success={t('events.recorded', {
                    name: item.invitee.name,
                    status: common(`event.invitation.${status}`),
                  })}
                >
                  {common(`event.invitation.${status}`)}
                  <span className="visually-hidden"> ({item.invitee.name})</span>
                </ActionButton>
              ))}
            </span>
          ),
      ),
    ],
    [t, common, update],
  );
  return (
    <Panel title={t('events.attendanceTitle', { title })} onClose={props.onClose}>
      <InvitationsOf eventId={props.event.id}>
        {(items) => (
          <DataTable
            caption={t('events.attendanceTitle', { title })}
            rows={items}
            columns={columns}
            rowId={(item) => String(item.id)}
            urlPrefix="attendance"
            fileName="citybridge-attendance"
            defaultSort={BY_INVITEE}
            emptyState={<p>{t('events.noInvitations')}</p>}
          />
        )}
      </InvitationsOf>
    </Panel>
  );
}

const BY_INVITEE = [{ id: 'invitee', desc: false }];
