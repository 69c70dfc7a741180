import { type ReactNode, useContext } from 'react';
import { DialogTrigger, OverlayTriggerStateContext } from 'react-aria-components';
import type { NotificationResponse } from '../../../../src/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Link } from '../../ui/Link.tsx';
import { PopoverDialog } from '../../ui/Popover.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications-api.ts';
import './notifications.css';

const BellIcon = () => (
  <svg
    className="cb-icon"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

/** A text kept in several languages, in the reader's, else English, else any. */
function inLanguage(value: unknown, language: string): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const texts = value as Record<string, unknown>;
  const text = texts[language] ?? texts.en ?? Object.values(texts)[0];
  return typeof text === 'string' ? text : '';
}

const textOf = (value: unknown) => (typeof value === 'string' ? value : '');

/** A day as the reader's language writes it. */
function formatDay(day: unknown, language: string): string {
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return textOf(day);
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** An instant (an event's start) as the reader's language writes its day, on the clock of the place it happens. */
function formatInstant(instant: unknown, timeZone: unknown, language: string): string {
  if (typeof instant !== 'string' || Number.isNaN(Date.parse(instant))) return '';
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeZone: typeof timeZone === 'string' ? timeZone : 'UTC',
  }).format(new Date(instant));
}

/** What a notification says, worded in the reader's language from what it names. */
export function notificationText(
  t: WorkspaceT,
  notification: NotificationResponse,
  language: string,
): string {
  const { data } = notification;
  switch (notification.kind) {
    case 'post_mention':
      return t('discussion.notifications.postMention', {
        author: textOf(data.authorName),
        organization: textOf(data.organizationName),
        network: inLanguage(data.networkName, language),
      });
    case 'campaign_reminder': {
      const organization = textOf(data.organizationName);
      const title = inLanguage(data.title, language);
      const waiting = organization
        ? t('discussion.notifications.campaignReminder', { organization, title })
        : t('discussion.notifications.campaignReminderYours', { title });
      const closes = formatDay(data.closesOn, language);
      return closes
        ? `${waiting} ${t('discussion.notifications.campaignCloses', { date: closes })}`
        : waiting;
    }
    case 'campaign_submitted': {
      const title = inLanguage(data.title, language);
      const organization = textOf(data.organizationName);
      return organization
        ? t('discussion.notifications.campaignSubmitted', { organization, title })
        : t('discussion.notifications.campaignSubmittedAnonymous', { title });
    }
    case 'campaign_reopened':
      return t('discussion.notifications.campaignReopened', { title: inLanguage(data.title, language) });
    case 'tie_anniversary':
      return t('discussion.notifications.tieAnniversary', {
        partners: textOf(data.partners),
        count: Number(data.years),
        date: formatDay(data.date, language),
      });
    case 'tie_renewal':
      return t('discussion.notifications.tieRenewal', {
        partners: textOf(data.partners),
        date: formatDay(data.date, language),
      });
    case 'tie_quiet':
      return data.lastActivity
        ? t('discussion.notifications.tieQuietSince', {
            partners: textOf(data.partners),
            date: formatDay(data.lastActivity, language),
          })
        : t('discussion.notifications.tieQuiet', {
            partners: textOf(data.partners),
            count: Number(data.months),
          });
    case 'invitation_unanswered':
      return t('discussion.notifications.invitationUnanswered', {
        organization: textOf(data.organizationName),
        title: inLanguage(data.title, language),
        date: formatInstant(data.startsAt, data.timeZone, language),
      });
    case 'campaign_deadline':
      return t('discussion.notifications.campaignDeadline', {
        organization: textOf(data.organizationName),
        title: inLanguage(data.title, language),
        date: formatDay(data.closesOn, language),
      });
    default:
      return t('discussion.notifications.other');
  }
}

function NotificationItem(props: {
  t: WorkspaceT;
  language: string;
  notification: NotificationResponse;
  close: () => void;
}) {
  const { t, notification } = props;
  const markRead = useMarkRead();
  const unread = notification.readAt === null;
  const text = notificationText(t, notification, props.language);
  const excerpt = notification.kind === 'post_mention' ? textOf(notification.data.excerpt) : '';
  const time = new Intl.DateTimeFormat(props.language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(notification.createdAt),
  );
  const open = () => {
    if (unread) markRead.mutate(notification.id);
    props.close();
  };
  const content = (
    <>
      {unread && <span className="visually-hidden">{t('discussion.notifications.unread')}: </span>}
      {text}
    </>
  );
  return (
    <li className="nt-item" data-unread={unread || undefined}>
      {unread && <span className="nt-dot" aria-hidden="true" />}
      <div className="nt-content">
        {notification.link ? (
          <Link href={notification.link} variant="standalone" onPress={open} className="nt-link">
            {content}
          </Link>
        ) : (
          <span>{content}</span>
        )}
        {excerpt && <span className="nt-excerpt">“{excerpt}”</span>}
        <time className="nt-time" dateTime={notification.createdAt}>
          {time}
        </time>
      </div>
    </li>
  );
}

/** The list in the bell's popover: the latest notifications, and marking them all read. */
function NotificationList(props: { t: WorkspaceT; language: string; close: () => void }) {
  const { t } = props;
  const notifications = useNotifications();
  const markAll = useMarkAllRead();
  if (notifications.isPending) return <Skeleton lines={3} label={t('discussion.notifications.loading')} />;
  if (notifications.isError)
    return (
      <ErrorState
        message={t('discussion.notifications.error')}
        onRetry={() => void notifications.refetch()}
      />
    );
  const { items, unread } = notifications.data;
  return (
    <div className="nt-panel">
      {items.length === 0 ? (
        <p className="hint">{t('discussion.notifications.empty')}</p>
      ) : (
        <ul className="nt-list">
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              t={t}
              language={props.language}
              notification={notification}
              close={props.close}
            />
          ))}
        </ul>
      )}
      <Link href="/account#reminders" variant="standalone" onPress={props.close} className="nt-settings">
        {t('discussion.notifications.settings')}
      </Link>
      {unread > 0 && (
        <Button
          size="s"
          isPending={markAll.isPending}
          onPress={() =>
            void markAll.mutateAsync(undefined).then(
              () => showToast({ title: t('discussion.notifications.allRead'), tone: 'success' }),
              (failure: unknown) => showToast({ title: failureText(t, failure), tone: 'danger' }),
            )
          }
        >
          {t('discussion.notifications.markAll')}
        </Button>
      )}
    </div>
  );
}

/** Gives its content a way to close the popover it is in. */
function CloseOnFollow({ children }: { children: (close: () => void) => ReactNode }) {
  const state = useContext(OverlayTriggerStateContext);
  return <>{children(() => state?.close())}</>;
}

/**
 * The bell in the workspace's top bar: how many notifications are unread (in its accessible name too), and a
 * popover listing the latest with links to what they concern. It asks for news every minute while the tab is
 * visible.
 */
export function NotificationsBell() {
  const { t, ready, language } = useWorkspaceTexts();
  const notifications = useNotifications();
  if (!ready) return null;
  const unread = notifications.data?.unread ?? 0;
  const label =
    unread === 0
      ? t('discussion.notifications.bellNone')
      : t('discussion.notifications.bell', { count: unread });
  return (
    <div className="nt-bell">
      <DialogTrigger>
        <Button variant="quiet" size="s" aria-label={label} className="nt-button">
          <BellIcon />
          {unread > 0 && (
            <span className="nt-badge" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </Button>
        <PopoverDialog title={t('discussion.notifications.title')} placement="bottom end">
          {/* A link followed closes the popover: the page changes beneath it. */}
          <CloseOnFollow>
            {(close) => <NotificationList t={t} language={language} close={close} />}
          </CloseOnFollow>
        </PopoverDialog>
      </DialogTrigger>
    </div>
  );
}
