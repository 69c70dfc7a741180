import { useId, useMemo, useRef, useState } from 'react';
import type { Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useEvents } from '../../api/events.ts';
import { usePlaceSearch } from '../../api/places.ts';
import { useDashboard } from '../../api/workspace.ts';
import { Button } from '../../ui/Button.tsx';
import { ComboBox } from '../../ui/ComboBox.tsx';
import { CloseIcon } from '../../ui/icons.tsx';
import { Select } from '../../ui/Select.tsx';
import type { WorkspaceT } from '../texts.ts';
import type { PostLinkType } from './discussion-api.ts';

/** An organisation a post mentions, with its name. */
export interface Mention {
  id: number;
  name: string;
}

/** A record a post links to, with what it is called (null: one the reader may not read). */
export interface LinkChoice {
  type: PostLinkType;
  id: number;
  label: string | null;
}

/** The link types the form offers (organisations are linked through the API only). */
const OFFERED: readonly PostLinkType[] = ['place', 'partnership', 'event'];

/** What is chosen, as a list with a button to take each away. */
function Chosen(props: {
  label: string;
  items: { key: string; text: string; removeLabel: string; onRemove: () => void }[];
}) {
  const headingId = useId();
  if (props.items.length === 0) return null;
  return (
    <div className="dc-chosen">
      <span id={headingId} className="dc-chosen-label">
        {props.label}
      </span>
      <ul aria-labelledby={headingId} className="dc-chips">
        {props.items.map((item) => (
          <li key={item.key} className="dc-chip">
            <span>{item.text}</span>
            <Button variant="quiet" size="s" aria-label={item.removeLabel} onPress={item.onRemove}>
              <CloseIcon />
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A combo box that starts afresh once something is chosen from it, keeping the focus: the choice goes to a list
 * beside it, and the empty box is ready for the next one. (Emptying a controlled box instead would open its list
 * again at once.)
 */
function useFreshBox() {
  const [round, setRound] = useState(0);
  const holder = useRef<HTMLDivElement>(null);
  const renew = () => {
    setRound((current) => current + 1);
    requestAnimationFrame(() => holder.current?.querySelector('input')?.focus());
  };
  return { round, holder, renew };
}

/** Mentions: a combo box of the group's organisations not mentioned yet, and those mentioned. */
export function MentionsField(props: {
  t: WorkspaceT;
  participants: readonly Mention[];
  value: readonly Mention[];
  onChange: (value: Mention[]) => void;
}) {
  const { t } = props;
  const box = useFreshBox();
  const options = props.participants
    .filter((participant) => !props.value.some((chosen) => chosen.id === participant.id))
    .map((participant) => ({ id: participant.id, label: participant.name }));
  return (
    <div className="dc-reference">
      <div ref={box.holder}>
        <ComboBox
          key={box.round}
          label={t('discussion.mention')}
          description={t('discussion.mentionHint')}
          options={options}
          onSelectionChange={(key: Key | null) => {
            const chosen = props.participants.find((participant) => participant.id === key);
            if (!chosen) return;
            props.onChange([...props.value, chosen]);
            box.renew();
          }}
        />
      </div>
      <Chosen
        label={t('discussion.mentions')}
        items={props.value.map((mention) => ({
          key: String(mention.id),
          text: mention.name,
          removeLabel: t('discussion.removeMention', { name: mention.name }),
          onRemove: () => props.onChange(props.value.filter((chosen) => chosen.id !== mention.id)),
        }))}
      />
    </div>
  );
}

interface Candidate {
  id: string;
  label: string;
  description?: string;
  link: LinkChoice;
}

/** What a search finds to link to, of the type chosen: places by name, the organisation's ties, readable events. */
function useCandidates(type: PostLinkType, text: string, organizationId: number | undefined): Candidate[] {
  const { t, i18n } = useTranslation();
  const query = text.trim();
  const places = usePlaceSearch(type === 'place' ? query : '');
  const dashboard = useDashboard(organizationId, type === 'partnership');
  const events = useEvents({ when: 'all', limit: 200 }, type === 'event');
  return useMemo(() => {
    const matches = (label: string) => label.toLocaleLowerCase().includes(query.toLocaleLowerCase());
    switch (type) {
      case 'place':
        return (places.data?.results ?? []).map((place) => ({
          id: `place:${place.id}`,
          label: place.name,
          description: place.matchedName !== place.name ? place.matchedName : place.country,
          link: { type, id: place.id, label: place.name },
        }));
      case 'partnership':
        // The ties of the organisation written for, named by its partners.
        return (dashboard.data?.ties ?? [])
          .map((tie) => {
            const label = tie.partners;
            return {
              id: `partnership:${tie.id}`,
              label,
              description: t(`kind.${tie.kind}`),
              link: { type, id: tie.id, label },
            };
          })
          .filter((candidate) => matches(candidate.label))
          .slice(0, 20);
      case 'event':
        return (events.data?.items ?? [])
          .map((event) => {
            const label = event.title[i18n.language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';
            return {
              id: `event:${event.id}`,
              label,
              description: event.startsAt.slice(0, 10),
              link: { type, id: event.id, label },
            };
          })
          .filter((candidate) => matches(candidate.label))
          .slice(0, 20);
      case 'organization':
        return [];
    }
  }, [type, query, places.data, dashboard.data, events.data, t, i18n.language]);
}

/** Links: the kind of record, a search for one, and those linked. */
export function LinksField(props: {
  t: WorkspaceT;
  /** The organisation the post is written for: its ties are offered. */
  organizationId: number | undefined;
  value: readonly LinkChoice[];
  onChange: (value: LinkChoice[]) => void;
}) {
  const { t } = props;
  const [type, setType] = useState<PostLinkType>('place');
  const [text, setText] = useState('');
  const box = useFreshBox();
  const candidates = useCandidates(type, text, props.organizationId).filter(
    (candidate) =>
      !props.value.some((chosen) => chosen.type === candidate.link.type && chosen.id === candidate.link.id),
  );
  return (
    <div className="dc-reference">
      <div className="dc-link-pickers">
        <Select
          label={t('discussion.linkType')}
          options={OFFERED.map((id) => ({ id, label: t(`discussion.linkTypes.${id}`) }))}
          selectedKey={type}
          onSelectionChange={(key) => {
            if (key !== null && (OFFERED as readonly Key[]).includes(key)) {
              setType(key as PostLinkType);
              setText('');
            }
          }}
        />
        <div ref={box.holder} className="dc-link-search">
          <ComboBox
            key={`${type}-${box.round}`}
            label={t(`discussion.find.${type}`)}
            options={candidates}
            filtered={candidates}
            onInputChange={setText}
            onSelectionChange={(key: Key | null) => {
              const chosen = candidates.find((candidate) => candidate.id === key);
              if (!chosen) return;
              props.onChange([...props.value, chosen.link]);
              setText('');
              box.renew();
            }}
          />
        </div>
      </div>
      <Chosen
        label={t('discussion.links')}
        items={props.value.map((link) => {
          const name = link.label ?? t('discussion.hiddenLink');
          return {
            key: `${link.type}:${link.id}`,
            text: `${t(`discussion.linkTypes.${link.type}`)}: ${name}`,
            removeLabel: t('discussion.removeLink', { name }),
            onRemove: () =>
              props.onChange(
                props.value.filter((chosen) => chosen.type !== link.type || chosen.id !== link.id),
              ),
          };
        })}
      />
    </div>
  );
}
