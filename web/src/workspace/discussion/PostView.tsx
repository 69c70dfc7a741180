import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { ModalDialog } from '../../ui/Dialog.tsx';
import { Link } from '../../ui/Link.tsx';
import { ErrorState, Skeleton } from '../../ui/states.tsx';
import { showToast } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText, undoAction } from '../ui/failure.tsx';
import {
  type DiscussionResponse,
  type PostLinkType,
  type PostResponse,
  postHistory,
  useDeletePost,
  useRestorePost,
} from './discussion-api.ts';
import { PostForm } from './PostForm.tsx';

/** Where a linked record's page is. */
const PAGES: Record<PostLinkType, string> = {
  place: '/places',
  partnership: '/partnerships',
  event: '/events',
  organization: '/organizations',
};

/** A moment as the reader's clock and language write it: 10 Nov 2020, 14.03. */
export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The words of the text of a post as its history keeps them. */
const bodyOf = (record: Record<string, unknown> | null) =>
  typeof record?.body === 'string' ? record.body : null;

/** A post's history in a dialog: each version of its text, who wrote it and when, and its deletions. */
function HistoryDialog(props: {
  t: WorkspaceT;
  language: string;
  networkId: number;
  post: PostResponse;
  onClose: () => void;
}) {
  const { t } = props;
  const history = useQuery(postHistory(props.networkId, props.post.id));
  const items = [...(history.data?.items ?? [])].reverse();
  return (
    <ModalDialog
      title={t('discussion.historyTitle')}
      isOpen
      onOpenChange={(open) => !open && props.onClose()}
    >
      {history.isPending ? (
        <Skeleton lines={3} label={t('discussion.historyLoading')} />
      ) : history.isError ? (
        <ErrorState message={t('discussion.historyError')} onRetry={() => void history.refetch()} />
      ) : (
        <ol className="dc-history">
          {items.map((item) => {
            const text = bodyOf(item.after);
            const changedText = item.action === 'create' || text !== bodyOf(item.before);
            return (
              <li key={item.id}>
                <p className="dc-history-head">
                  <strong>{t(`discussion.action.${item.action}`, { defaultValue: item.action })}</strong>{' '}
                  <span>
                    {item.actor},{' '}
                    <time dateTime={item.occurredAt}>{formatTime(item.occurredAt, props.language)}</time>
                  </span>
                </p>
                {text !== null && changedText && (item.action === 'create' || item.action === 'update') && (
                  <p className="dc-body">{text}</p>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </ModalDialog>
  );
}

/** Asks before deleting a post; says what stays. */
function DeleteDialog(props: {
  t: WorkspaceT;
  networkId: number;
  post: PostResponse;
  onClose: (deleted: boolean) => void;
}) {
  const { t, post } = props;
  const remove = useDeletePost();
  const restore = useRestorePost();
  const [failure, setFailure] = useState<string | null>(null);
  const confirm = async () => {
    setFailure(null);
    try {
      const deleted = await remove.mutateAsync({
        networkId: props.networkId,
        postId: post.id,
        version: post.version,
      });
      showToast({
        title: t('discussion.deleted'),
        tone: 'success',
        action: undoAction(
          t,
          () =>
            restore.mutateAsync({ networkId: props.networkId, postId: post.id, version: deleted.version }),
          t('discussion.restored'),
        ),
      });
      props.onClose(true);
    } catch (caught) {
      setFailure(failureText(t, caught));
    }
  };
  return (
    <ModalDialog
      title={t('discussion.deleteTitle')}
      role="alertdialog"
      isOpen
      onOpenChange={(open) => !open && props.onClose(false)}
      actions={(close) => (
        <>
          <Button variant="quiet" onPress={close}>
            {t('discussion.cancel')}
          </Button>
          <Button variant="danger" isPending={remove.isPending} onPress={() => void confirm()}>
            {t('discussion.confirmDelete')}
          </Button>
        </>
      )}
    >
      <p>{t('discussion.deleteText')}</p>
      {failure && (
        <p role="alert" className="form-error">
          {failure}
        </p>
      )}
    </ModalDialog>
  );
}

/**
 * One post: who wrote it for which organisation and when, its text as plain text, the organisations it mentions and
 * the records it links to (a record the reader may not read is named as such, without a link); the reader's actions
 * on it. A deleted post says so, and keeps its place and its replies.
 */
export function PostView(props: {
  t: WorkspaceT;
  language: string;
  networkId: number;
  discussion: Pick<DiscussionResponse, 'participants' | 'postAs'>;
  post: PostResponse;
  /** A thread's post (h3, may be replied to) or a reply (h4). */
  level: 3 | 4;
  onReply?: () => void;
}) {
  const { t, post, language } = props;
  const article = useRef<HTMLElement>(null);
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<'history' | 'delete' | null>(null);
  const restore = useRestorePost();
  const deleted = post.deletedAt !== null;
  const Heading = props.level === 3 ? 'h3' : 'h4';
  const author = post.author.name ?? t('discussion.formerUser');
  const focusPost = () => requestAnimationFrame(() => article.current?.focus());

  const restorePost = async () => {
    try {
      await restore.mutateAsync({ networkId: props.networkId, postId: post.id, version: post.version });
      showToast({ title: t('discussion.restored'), tone: 'success' });
    } catch (caught) {
      showToast({ title: failureText(t, caught), tone: 'danger' });
    }
  };

  return (
    <article
      id={`post-${post.id}`}
      ref={article}
      tabIndex={-1}
      className="dc-post"
      data-deleted={deleted || undefined}
      aria-labelledby={`post-${post.id}-author`}
    >
      <header className="dc-post-header">
        <Heading id={`post-${post.id}-author`} className="dc-author">
          {author}
          <span className="dc-organization">{post.organization.name}</span>
        </Heading>
        <span className="dc-meta">
          <time dateTime={post.createdAt}>{formatTime(post.createdAt, language)}</time>
          {post.editedAt && !deleted && <span> · {t('discussion.edited')}</span>}
        </span>
      </header>
      {deleted ? (
        <p className="dc-deleted">{t('discussion.deletedPost')}</p>
      ) : editing ? (
        <PostForm
          t={t}
          networkId={props.networkId}
          discussion={props.discussion}
          mode={{ kind: 'edit', post }}
          onDone={() => {
            setEditing(false);
            focusPost();
          }}
          onCancel={() => {
            setEditing(false);
            focusPost();
          }}
        />
      ) : (
        <>
          <p className="dc-body">{post.body}</p>
          {post.mentions.length > 0 && (
            <p className="dc-mentions">
              <span className="dc-label">{t('discussion.mentions')}:</span>{' '}
              {post.mentions.map((mention) => mention.name).join(', ')}
            </p>
          )}
          {post.links.length > 0 && (
            <div className="dc-links">
              <span className="dc-label">{t('discussion.links')}:</span>
              <ul>
                {post.links.map((link) => (
                  <li key={`${link.type}:${link.id}`}>
                    <span className="dc-link-type">{t(`discussion.linkTypes.${link.type}`)}</span>{' '}
                    {link.label === null ? (
                      <span className="hint">{t('discussion.hiddenLink')}</span>
                    ) : (
                      <Link href={`${PAGES[link.type]}/${link.id}`}>{link.label}</Link>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {!editing && (
        <div className="dc-actions">
          {props.onReply && !deleted && props.discussion.postAs.length > 0 && (
            <Button size="s" variant="secondary" onPress={props.onReply}>
              {t('discussion.reply')}
            </Button>
          )}
          {post.canEdit && (
            <Button size="s" variant="quiet" onPress={() => setEditing(true)}>
              {t('discussion.edit')}
            </Button>
          )}
          {post.canDelete && !deleted && (
            <Button size="s" variant="quiet" onPress={() => setDialog('delete')}>
              {t('discussion.delete')}
            </Button>
          )}
          {post.canDelete && deleted && (
            <Button size="s" variant="quiet" isPending={restore.isPending} onPress={() => void restorePost()}>
              {t('discussion.restore')}
            </Button>
          )}
          <Button size="s" variant="quiet" onPress={() => setDialog('history')}>
            {t('discussion.history')}
          </Button>
        </div>
      )}
      {dialog === 'history' && (
        <HistoryDialog
          t={t}
          language={language}
          networkId={props.networkId}
          post={post}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'delete' && (
        <DeleteDialog
          t={t}
          networkId={props.networkId}
          post={post}
          onClose={(wasDeleted) => {
            setDialog(null);
            if (wasDeleted) focusPost();
          }}
        />
      )}
    </article>
  );
}
