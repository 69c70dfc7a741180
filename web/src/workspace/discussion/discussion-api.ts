/** A group's discussion as the web app reads and writes it: threads a page at a time, posts, their history. */
import { type InfiniteData, type QueryClient, useInfiniteQuery } from '@tanstack/react-query';
import type {
  CreatePostInput,
  DiscussionResponse,
  PostResponse,
  UpdatePostInput,
} from '../../../../src/contract.ts';
import { getJson } from '../../api/client.ts';
import { historyQuery } from '../../api/history.ts';
import { sendJson, useWrite } from '../../api/writes.ts';
import { notificationKeys } from '../notifications/notifications-api.ts';

export type { DiscussionResponse, DiscussionThread, PostResponse } from '../../../../src/contract.ts';
export { POST_LINK_TYPES, POST_MAX_LENGTH, type PostLinkType } from '../../../../src/contract.ts';

/** How many threads a page holds. */
export const THREADS_PAGE = 30;

export const discussionKeys = {
  all: ['discussion'] as const,
  network: (networkId: number) => [...discussionKeys.all, networkId] as const,
  threads: (networkId: number, lang: string) =>
    [...discussionKeys.network(networkId), 'threads', lang] as const,
  history: (networkId: number, postId: number) =>
    [...discussionKeys.network(networkId), 'history', postId] as const,
};

const postsPath = (networkId: number) => `/api/networks/${networkId}/posts`;

/** The discussion's threads, newest activity first, a page at a time (the next page: older threads). */
export const useDiscussion = (networkId: number, lang: string, enabled = true) =>
  useInfiniteQuery({
    enabled,
    queryKey: discussionKeys.threads(networkId, lang),
    queryFn: ({ pageParam, signal }) =>
      getJson<DiscussionResponse>(
        postsPath(networkId),
        { lang, limit: THREADS_PAGE, offset: pageParam },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (last: DiscussionResponse, pages: DiscussionResponse[]) => {
      const shown = pages.reduce((sum, page) => sum + page.threads.length, 0);
      return shown < last.total ? shown : undefined;
    },
  });

export type DiscussionPages = InfiniteData<DiscussionResponse, number>;

/** A post's history, read when its dialog opens. */
export const postHistory = (networkId: number, postId: number) =>
  historyQuery(discussionKeys.history(networkId, postId), `${postsPath(networkId)}/${postId}/history`);

/** A write changes the threads, and perhaps what others are told: read both again. */
const changed = (client: QueryClient, _result: unknown, variables: { networkId: number }) =>
  Promise.all([
    client.invalidateQueries({ queryKey: discussionKeys.network(variables.networkId) }),
    client.invalidateQueries({ queryKey: notificationKeys.all }),
  ]);

export const useCreatePost = () =>
  useWrite(
    ({ networkId, ...body }: CreatePostInput & { networkId: number }) =>
      sendJson<PostResponse>('POST', postsPath(networkId), body),
    changed,
  );

export const useUpdatePost = () =>
  useWrite(
    ({ networkId, postId, ...body }: UpdatePostInput & { networkId: number; postId: number }) =>
      sendJson<PostResponse>('PATCH', `${postsPath(networkId)}/${postId}`, body),
    changed,
  );

export const useDeletePost = () =>
  useWrite(
    ({ networkId, postId, version }: { networkId: number; postId: number; version: number }) =>
      sendJson<PostResponse>('DELETE', `${postsPath(networkId)}/${postId}?version=${version}`),
    changed,
  );

export const useRestorePost = () =>
  useWrite(
    ({ networkId, postId, version }: { networkId: number; postId: number; version: number }) =>
      sendJson<PostResponse>('POST', `${postsPath(networkId)}/${postId}/restore`, { version }),
    changed,
  );
