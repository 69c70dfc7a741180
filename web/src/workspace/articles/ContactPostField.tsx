import { useId, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import type { ArticleResponse } from '../../api/articles.ts';
import { type Person, usePeople } from '../../api/people.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import type { WorkspaceT } from '../texts.ts';

/** A post a contact block may name, with what is shown of it. */
export interface PostChoice {
  id: number;
  name: string;
  post: string;
  organizationName: string;
}

/** Today as YYYY-MM-DD on the reader's clock. */
function today(): string {
  const date = new Date();
  const two = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * The posts the server takes: those of published people that have not ended. (It checks their organisation too,
 * and says so if it refuses one.)
 */
export function currentPosts(people: readonly Person[], t: WorkspaceT, on = today()): PostChoice[] {
  return people
    .filter(
      (person) => person.visibility === 'published' && !person.erased && person.name && !person.deletedAt,
    )
    .flatMap((person) =>
      person.posts
        .filter((post) => post.endedOn === null || post.endedOn > on)
        .map((post) => ({
          id: post.id,
          name: person.name!,
          post: post.title ?? t(`postRole.${post.role}`),
          organizationName: post.organizationName,
        })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The contact block's person: a published person's current post, found by typing a name, post or organisation.
 * The one chosen shows below the box with a button that takes it off; the page shows their name and post only.
 */
export function ContactPostField(props: {
  t: WorkspaceT;
  value: number | null;
  /** The contact as saved, which names its person while they are published. */
  saved: ArticleResponse['contact'] | undefined;
  onChange: (postId: number | null) => void;
  /** The API refused the post. */
  refused: boolean;
}) {
  const { t } = props;
  const [text, setText] = useState('');
  const [round, setRound] = useState(0);
  const [said, setSaid] = useState('');
  const holder = useRef<HTMLDivElement>(null);
  const chosenId = useId();
  const errorId = useId();
  const people = usePeople({ limit: 200 });
  const posts = currentPosts(people.data?.items ?? [], t);
  const words = text.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const offered = posts
    .filter((post) => post.id !== props.value)
    .filter((post) => {
      const haystack = `${post.name} ${post.post} ${post.organizationName}`.toLocaleLowerCase();
      return words.every((word) => haystack.includes(word));
    })
    .map((post) => ({
      id: post.id,
      label: post.name,
      description: `${post.post}, ${post.organizationName}`,
    }));
  const savedPerson = props.saved?.postId === props.value ? props.saved?.person : null;
  const chosen =
    props.value === null
      ? undefined
      : (posts.find((post) => post.id === props.value) ??
        (savedPerson
          ? {
              id: props.value,
              name: savedPerson.name,
              post: savedPerson.title ?? t(`postRole.${savedPerson.role}`),
              organizationName: savedPerson.organizationName,
            }
          : undefined));
  const chosenName = chosen?.name ?? t('articles.contactPostUnknown', { id: props.value });
  const focusInput = () => requestAnimationFrame(() => holder.current?.querySelector('input')?.focus());
  return (
    <div ref={holder} className="article-contact-post">
      <ComboBox
        key={round}
        label={t('articles.contactPost')}
        description={t('articles.contactPostHint')}
        options={offered}
        filtered={offered}
        loading={people.isFetching}
        inputValue={text}
        onInputChange={setText}
        // Open on demand (Alt+Down, the button) even while the list loads or nothing matches: it says so.
        allowsEmptyCollection
        onSelectionChange={(key: Key | null) => {
          const post = offered.find((candidate) => candidate.id === key);
          if (!post) return;
          props.onChange(post.id);
          setSaid(t('articles.contactPostSet', { name: post.label }));
          setText('');
          setRound(round + 1);
          focusInput();
        }}
      />
      {props.value !== null && (
        <div className={`article-chosen-post${props.refused ? ' is-invalid' : ''}`}>
          <span id={chosenId} className="article-chosen-label">
            {t('articles.contactPostChosen')}
          </span>
          <ul aria-labelledby={chosenId} className="article-chips">
            <li className={`article-chip${props.refused ? ' is-invalid' : ''}`}>
              {chosen ? (
                <span>
                  <strong>{chosen.name}</strong>
                  <br />
                  {chosen.post}, {chosen.organizationName}
                </span>
              ) : (
                <span>{chosenName}</span>
              )}
              {props.refused && (
                <span id={errorId} className="article-chip-error">
                  {t('articles.contactPostRefused')}
                </span>
              )}
              <Button
                variant="quiet"
                size="s"
                aria-label={t('articles.links.remove', { name: chosenName })}
                aria-describedby={props.refused ? errorId : undefined}
                onPress={() => {
                  props.onChange(null);
                  setSaid(t('articles.contactPostRemoved', { name: chosenName }));
                  focusInput();
                }}
              >
                {t('articles.contactPostRemove')}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <p role="status" className="visually-hidden">
        {said}
      </p>
    </div>
  );
}
