import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.tsx';
import { useWorkspaceTexts, type WorkspaceT } from '../texts.ts';
import { type DiscussionResponse, type DiscussionThread, useDiscussion } from './discussion-api.ts';
import { PostForm } from './PostForm.tsx';
import { PostView } from './PostView.tsx';
import './discussion.css';

/** A thread: its post, its replies oldest first, and the reply form when opened. */
function Thread(props: {
  t: WorkspaceT;
  language: string;
  networkId: number;
  discussion: DiscussionResponse;
  thread: DiscussionThread;
}) {
  const { t, thread } = props;
  const [replying, setReplying] = useState(false);
  const replyButton = useRef<HTMLDivElement>(null);
  const shared = { t, language: props.language, networkId: props.networkId, discussion: props.discussion };
  const closeReply = () => {
    setReplying(false);
    // Back to the thread's own Reply button, where the keyboard left off.
    requestAnimationFrame(() =>
      replyButton.current?.querySelector<HTMLElement>('.dc-actions button')?.focus(),
    );
  };
  return (
    <li className="dc-thread">
      <div ref={replyButton}>
        <PostView {...shared} post={thread} level={3} onReply={() => setReplying(true)} />
      </div>
      {(thread.replies.length > 0 || replying) && (
        <div className="dc-replies">
          {thread.replies.length > 0 && (
            <ul
              aria-label={t('discussion.repliesTo', { name: thread.author.name ?? thread.organization.name })}
            >
              {thread.replies.map((reply) => (
                <li key={reply.id}>
                  <PostView {...shared} post={reply} level={4} />
                </li>
              ))}
            </ul>
          )}
          {replying && (
            <PostForm
              t={t}
              networkId={props.networkId}
              discussion={props.discussion}
              mode={{ kind: 'reply', parent: thread }}
              onDone={closeReply}
              onCancel={closeReply}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** Brings the post the address names (#post-12, from a notification) into view once it is shown, and focuses it. */
function useFocusPostInAddress(shown: boolean) {
  const { hash } = useLocation();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!shown || !hash.startsWith('#post-') || done.current === hash) return;
    const element = document.getElementById(hash.slice(1));
    if (!element) return;
    done.current = hash;
    element.scrollIntoView({ block: 'center' });
    // Followed from the bell, the link's popover is still closing, and would give the focus back to the bell when
    // it goes: the post takes the focus once no overlay is open (within two seconds).
    let frames = 0;
    let frame = 0;
    const focusWhenClear = () => {
      if (!document.querySelector('.cb-popover, .cb-modal-overlay')) element.focus({ preventScroll: true });
      else if (++frames < 120) frame = requestAnimationFrame(focusWhenClear);
    };
    frame = requestAnimationFrame(focusWhenClear);
    return () => cancelAnimationFrame(frame);
  }, [shown, hash]);
}

/**
 * A network's or working group's discussion, for its members and coordinators: a form to post (for the organisation
 * chosen, mentioning the group's organisations and linking to places, ties and events), and the threads, newest
 * activity first, with their replies; older threads a button away.
 */
export function DiscussionPage() {
  const { t, ready, language } = useWorkspaceTexts();
  const params = useParams();
  const networkId = Number(params.id);
  const valid = Number.isInteger(networkId) && networkId > 0;
  const discussion = useDiscussion(networkId, language, valid);
  const pages = discussion.data?.pages ?? [];
  const first = pages[0];
  const threads = pages.flatMap((page) => page.threads);
  useFocusPostInAddress(threads.length > 0);

  if (!ready) return <Skeleton lines={4} />;
  const heading = first ? t('discussion.titleOf', { name: first.network.name }) : t('discussion.title');
  const failure = discussion.error;
  return (
    <section className="dc-page">
      <div className="ws-page-header">
        <h1>{heading}</h1>
      </div>
      {!valid || (failure instanceof ApiError && failure.status === 404) ? (
        <EmptyState title={t('discussion.notFound')} />
      ) : failure instanceof ApiError && failure.status === 403 ? (
        <EmptyState title={t('discussion.forbidden')} />
      ) : discussion.isPending ? (
        <Skeleton lines={6} label={t('discussion.loading')} />
      ) : discussion.isError || !first ? (
        <ErrorState
          message={t('discussion.error')}
          onRetry={() => void discussion.refetch()}
          isRetrying={discussion.isRefetching}
        />
      ) : (
        <>
          <p className="hint">
            {t('discussion.intro', { name: first.network.name })}
            {first.canModerate && <> {t('discussion.moderator')}</>}
          </p>
          {first.postAs.length > 0 ? (
            <section className="panel">
              <PostForm t={t} networkId={networkId} discussion={first} mode={{ kind: 'new' }} />
            </section>
          ) : (
            <p className="hint">{t('discussion.readOnly')}</p>
          )}
          <section aria-labelledby="dc-threads-heading">
            <h2 id="dc-threads-heading">{t('discussion.threads', { count: first.total })}</h2>
            {threads.length === 0 ? (
              <EmptyState
                title={t('discussion.empty')}
                description={first.postAs.length > 0 ? t('discussion.emptyHint') : undefined}
              />
            ) : (
              <ul className="dc-threads">
                {threads.map((thread) => (
                  <Thread
                    key={thread.id}
                    t={t}
                    language={language}
                    networkId={networkId}
                    discussion={first}
                    thread={thread}
                  />
                ))}
              </ul>
            )}
            {discussion.hasNextPage && (
              <Button
                isPending={discussion.isFetchingNextPage}
                onPress={() => void discussion.fetchNextPage()}
              >
                {t('discussion.showMore')}
              </Button>
            )}
          </section>
        </>
      )}
    </section>
  );
}
