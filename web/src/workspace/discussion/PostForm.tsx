import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Select.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { showToast } from '../../ui/toast.ts';
import type { WorkspaceT } from '../texts.ts';
import { failureText } from '../ui/failure.tsx';
import {
  type DiscussionResponse,
  POST_MAX_LENGTH,
  type PostResponse,
  useCreatePost,
  useUpdatePost,
} from './discussion-api.ts';
import { type LinkChoice, LinksField, type Mention, MentionsField } from './ReferenceFields.tsx';

/** What the form writes: a new post, a reply to a thread, or a change to one's own post. */
export type PostFormMode =
  | { kind: 'new' }
  | { kind: 'reply'; parent: PostResponse }
  | { kind: 'edit'; post: PostResponse };

/**
 * Writing a post: the organisation it is written for (a choice only for members of several of the group's
 * organisations), the text, the organisations it mentions and the records it links to. The API checks it all; its
 * refusals are shown beside the fields they concern.
 */
export function PostForm(props: {
  t: WorkspaceT;
  networkId: number;
  discussion: Pick<DiscussionResponse, 'participants' | 'postAs'>;
  mode: PostFormMode;
  /** Called once the post is saved (a reply's or an edit's form then closes). */
  onDone?: (post: PostResponse) => void;
  onCancel?: () => void;
}) {
  const { t, mode, discussion } = props;
  const editing = mode.kind === 'edit' ? mode.post : undefined;
  const create = useCreatePost();
  const update = useUpdatePost();
  const headingId = useId();
  const [organizationId, setOrganizationId] = useState<number | undefined>(
    editing?.organization.id ?? discussion.postAs[0]?.id,
  );
  const [body, setBody] = useState(editing?.body ?? '');
  const [mentions, setMentions] = useState<Mention[]>(editing?.mentions ?? []);
  const [links, setLinks] = useState<LinkChoice[]>(editing?.links ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [version, setVersion] = useState(editing?.version ?? 0);
  const [conflict, setConflict] = useState<PostResponse | null>(null);
  const busy = create.isPending || update.isPending;

  const title =
    mode.kind === 'new'
      ? t('discussion.compose')
      : mode.kind === 'reply'
        ? t('discussion.replyTo', { name: mode.parent.author.name ?? mode.parent.organization.name })
        : t('discussion.editPost');

  const refuse = (caught: unknown) => {
    if (caught instanceof ApiError && caught.code === 'VERSION_CONFLICT') {
      setConflict(caught.current as PostResponse);
      return;
    }
    const fields: Record<string, string> = {};
    if (caught instanceof ApiError && caught.status === 400) {
      for (const detail of caught.details) {
        const field = detail.field.split('.')[1];
        if (field === 'body') fields.body = t('discussion.invalidBody', { max: POST_MAX_LENGTH });
        else if (field === 'mentions') fields.mentions = t('discussion.invalidMention');
        else if (field === 'links') fields.links = t('discussion.invalidLink');
        else if (field === 'parentId') fields.parentId = t('discussion.invalidParent');
      }
    }
    setErrors(fields);
    setFailure(Object.keys(fields).length > 0 ? null : failureText(t, caught));
  };

  const save = async (atVersion = version) => {
    const text = body.trim();
    if (text.length === 0) {
      setErrors({ body: t('discussion.required') });
      return;
    }
    if (text.length > POST_MAX_LENGTH) {
      setErrors({ body: t('discussion.invalidBody', { max: POST_MAX_LENGTH }) });
      return;
    }
    setErrors({});
    setFailure(null);
    const references = {
      mentions: mentions.map((mention) => mention.id),
      links: links.map(({ type, id }) => ({ type, id })),
    };
    try {
      const saved = editing
        ? await update.mutateAsync({
            networkId: props.networkId,
            postId: editing.id,
            version: atVersion,
            body: text,
            ...references,
          })
        : await create.mutateAsync({
            networkId: props.networkId,
            organizationId: organizationId!,
            body: text,
            ...references,
            ...(mode.kind === 'reply' ? { parentId: mode.parent.id } : {}),
          });
      setConflict(null);
      showToast({
        title: t(
          editing ? 'discussion.saved' : mode.kind === 'reply' ? 'discussion.replied' : 'discussion.posted',
        ),
        tone: 'success',
      });
      if (!editing) {
        setBody('');
        setMentions([]);
        setLinks([]);
      } else setVersion(saved.version);
      props.onDone?.(saved);
    } catch (caught) {
      refuse(caught);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const writingFor = discussion.postAs.find((organization) => organization.id === organizationId);
  return (
    <form className="dc-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      {mode.kind === 'new' ? (
        <h2 id={headingId}>{title}</h2>
      ) : (
        <h4 id={headingId} className="dc-form-title">
          {title}
        </h4>
      )}
      {!editing &&
        (discussion.postAs.length > 1 ? (
          <Select
            label={t('discussion.organization')}
            options={discussion.postAs.map((organization) => ({
              id: organization.id,
              label: organization.name,
            }))}
            selectedKey={organizationId ?? null}
            onSelectionChange={(key) => {
              if (key !== null) setOrganizationId(Number(key));
            }}
          />
        ) : (
          writingFor && <p className="hint">{t('discussion.writingFor', { name: writingFor.name })}</p>
        ))}
      <TextField
        label={mode.kind === 'reply' ? t('discussion.replyBody') : t('discussion.body')}
        description={t('discussion.bodyHint')}
        value={body}
        onChange={setBody}
        multiline
        isRequired
        // A reply or an edit opens where the user asked for it: the text is where they go on typing.
        autoFocus={mode.kind !== 'new'}
        validationBehavior="aria"
        isInvalid={!!errors.body}
        errorMessage={errors.body}
      />
      <MentionsField t={t} participants={discussion.participants} value={mentions} onChange={setMentions} />
      {errors.mentions && (
        <p role="alert" className="form-error">
          {errors.mentions}
        </p>
      )}
      <LinksField
        t={t}
        organizationId={editing?.organization.id ?? organizationId}
        value={links}
        onChange={setLinks}
      />
      {(errors.links ?? errors.parentId) && (
        <p role="alert" className="form-error">
          {errors.links ?? errors.parentId}
        </p>
      )}
      {conflict && (
        <div role="alert" className="conflict">
          <p>{t('discussion.conflict')}</p>
          <blockquote className="dc-body">{conflict.body}</blockquote>
          <Button onPress={() => void save(conflict.version)}>{t('discussion.reapply')}</Button>
        </div>
      )}
      {failure && (
        <p role="alert" className="form-error">
          {failure}
        </p>
      )}
      <div className="dc-form-actions">
        <Button type="submit" variant="primary" isPending={busy}>
          {editing
            ? t('discussion.save')
            : mode.kind === 'reply'
              ? t('discussion.sendReply')
              : t('discussion.post')}
        </Button>
        {props.onCancel && (
          <Button variant="quiet" onPress={props.onCancel}>
            {t('discussion.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
