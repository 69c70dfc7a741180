import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import type { Person } from '../../api/people.ts';
import type { WorkspaceT } from '../texts.ts';
import { currentPosts } from './ContactPostField.tsx';
import { uploadRefusal } from './ImageUploadDialog.tsx';
import { NO_LINKS, refusedLinks, withLink } from './StoryLinks.tsx';

/** The keys themselves stand for the texts; a text's values follow its key. */
const t = ((key: string, values?: Record<string, unknown>) =>
  values ? `${key} ${JSON.stringify(values)}` : key) as unknown as WorkspaceT;

describe("a story's links", () => {
  it('adds a record at the end, once, and takes it off again', () => {
    const one = withLink(NO_LINKS, 'place', 7, true);
    const two = withLink(one, 'place', 3, true);
    expect(two.placeIds).toEqual([7, 3]);
    expect(withLink(two, 'place', 7, true).placeIds).toEqual([3, 7]);
    expect(withLink(two, 'place', 7, false)).toEqual({ ...NO_LINKS, placeIds: [3] });
    expect(withLink(two, 'network', 5, true)).toEqual({ ...NO_LINKS, placeIds: [7, 3], networkIds: [5] });
  });

  it('finds the records the API refused by their place in the list it was sent', () => {
    const links = { ...NO_LINKS, placeIds: [7, 3], eventIds: [12] };
    const refused = refusedLinks(links, {
      'links.placeIds.1': 'validation.invalid',
      'links.eventIds.0': 'validation.invalid',
      title: 'validation.required',
    });
    expect([...refused].sort()).toEqual(['event:12', 'place:3']);
  });
});

describe('the posts a contact block may name', () => {
  const person = (values: Partial<Person>): Person =>
    ({
      id: 1,
      name: 'Coordinator',
      keeperId: 1,
      visibility: 'published',
      erased: false,
      deletedAt: null,
      posts: [],
      ...values,
    }) as Person;
  const post = (
    id: number,
    endedOn: string | null,
    title: string | null = 'Coordinator for international affairs',
  ) => ({
    id,
    organizationId: 9,
    organizationName: 'City of Espoo',
    role: 'international_affairs_coordinator' as const,
    title,
    startedOn: null,
    endedOn,
  });

  it('are the current posts of published people, named by their title or else by their role', () => {
    const people = [
      person({
        id: 1,
        name: 'Mäkelä',
        posts: [post(11, null, null), post(12, '2020-01-01'), post(13, '2030-01-01')],
      }),
      person({ id: 2, name: 'Internal', visibility: 'internal', posts: [post(21, null)] }),
      person({ id: 3, name: null, erased: true, posts: [post(31, null)] }),
      person({ id: 4, name: 'Aalto', posts: [post(41, null)] }),
    ];
    expect(currentPosts(people, t, '2025-06-01')).toEqual([
      {
        id: 41,
        name: 'Aalto',
        post: 'Coordinator for international affairs',
        organizationName: 'City of Espoo',
      },
      {
        id: 11,
        name: 'Mäkelä',
        post: 'postRole.international_affairs_coordinator',
        organizationName: 'City of Espoo',
      },
      {
        id: 13,
        name: 'Mäkelä',
        post: 'Coordinator for international affairs',
        organizationName: 'City of Espoo',
      },
    ]);
  });
});

describe('a refused image upload', () => {
  it('says on the file field why the file was refused', () => {
    expect(uploadRefusal(t, new ApiError(413, 'PAYLOAD_TOO_LARGE', 'too large'))).toEqual({
      file: 'articles.image.tooLarge',
      form: 'articles.image.refused',
    });
    expect(uploadRefusal(t, new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'not an image'))).toEqual({
      file: 'articles.image.wrongType',
      form: 'articles.image.refused',
    });
    expect(uploadRefusal(t, new ApiError(400, 'VALIDATION_FAILED', 'The file is not a PNG image'))).toEqual({
      file: 'articles.image.unreadable {"reason":"The file is not a PNG image"}',
      form: 'articles.image.refused',
    });
  });

  it('says any other failure beside the buttons', () => {
    expect(uploadRefusal(t, new ApiError(403, 'FORBIDDEN', 'no'))).toEqual({ form: 'failure.forbidden' });
    expect(uploadRefusal(t, new ApiError(0, 'NETWORK_ERROR', 'offline'))).toEqual({
      form: 'failure.network',
    });
  });
});
