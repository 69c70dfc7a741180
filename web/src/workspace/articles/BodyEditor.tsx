/**
 * An article's body in TipTap, with only what the server's allow-list keeps (articles.sanitize.ts): paragraphs,
 * h2 and h3, bold, italic, strike, bullet and ordered lists, quotes, links and images with alt text (uploaded for
 * the article: the server keeps no image from elsewhere). It loads with the workspace's article editor only, so the
 * atlas never carries it.
 */
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { TextField } from '../../ui/TextField.tsx';
import type { WorkspaceT } from '../texts.ts';
import { toastSuccess } from '../ui/failure.tsx';
import { ImageUploadDialog } from './ImageUploadDialog.tsx';

const extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3] },
    code: false,
    codeBlock: false,
    horizontalRule: false,
    underline: false,
    link: false,
    // No empty paragraph kept after a closing heading or list: the body is stored as it was written.
    trailingNode: false,
  }),
  Link.configure({ openOnClick: false, autolink: true, defaultProtocol: 'https' }),
  Image.configure({ inline: false, allowBase64: false }),
];

type Tool =
  | 'h2'
  | 'h3'
  | 'bold'
  | 'italic'
  | 'strike'
  | 'bulletList'
  | 'orderedList'
  | 'blockquote'
  | 'link'
  | 'image';
const TOOLS: readonly Tool[] = [
  'h2',
  'h3',
  'bold',
  'italic',
  'strike',
  'bulletList',
  'orderedList',
  'blockquote',
  'link',
  'image',
];
/** What each button shows: short, its accessible name says the rest (link and image show their names). */
const GLYPHS: Record<Tool, string> = {
  h2: 'H2',
  h3: 'H3',
  bold: 'B',
  italic: 'I',
  strike: 'S',
  bulletList: '•',
  orderedList: '1.',
  blockquote: '“',
  link: '',
  image: '',
};

function isActive(editor: Editor, tool: Tool): boolean {
  switch (tool) {
    case 'h2':
      return editor.isActive('heading', { level: 2 });
    case 'h3':
      return editor.isActive('heading', { level: 3 });
    case 'image':
      return editor.isActive('image');
    default:
      return editor.isActive(tool);
  }
}

function apply(editor: Editor, tool: Exclude<Tool, 'link' | 'image'>): void {
  const chain = editor.chain().focus();
  switch (tool) {
    case 'h2':
      chain.toggleHeading({ level: 2 }).run();
      return;
    case 'h3':
      chain.toggleHeading({ level: 3 }).run();
      return;
    case 'bold':
      chain.toggleBold().run();
      return;
    case 'italic':
      chain.toggleItalic().run();
      return;
    case 'strike':
      chain.toggleStrike().run();
      return;
    case 'bulletList':
      chain.toggleBulletList().run();
      return;
    case 'orderedList':
      chain.toggleOrderedList().run();
      return;
    case 'blockquote':
      chain.toggleBlockquote().run();
      return;
  }
}

/** The link's own small form, below the toolbar. */
function LinkForm(props: { t: WorkspaceT; editor: Editor; onDone: () => void }) {
  const { t, editor } = props;
  const [url, setUrl] = useState(() => editor.getAttributes('link').href ?? '');
  const insert = () => {
    const address = url.trim();
    if (address === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
    else editor.chain().focus().extendMarkRange('link').setLink({ href: address }).run();
    props.onDone();
  };
  return (
    // Not a <form>: it sits inside the article's form, whose submit it must not trigger.
    // biome-ignore lint/a11y/useSemanticElements: a nested form is not allowed; the group names the fields
    <div
      role="group"
      aria-label={t('articles.editor.linkForm')}
      className="article-editor-insert"
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          insert();
        } else if (event.key === 'Escape') {
          event.preventDefault();
          editor.commands.focus();
          props.onDone();
        }
      }}
    >
      <TextField
        label={t('articles.editor.linkUrl')}
        description={t('articles.editor.linkHint')}
        value={url}
        onChange={setUrl}
        type="url"
        autoFocus
      />
      <div className="article-editor-insert-buttons">
        <Button size="s" variant="primary" onPress={insert}>
          {t('articles.editor.setLink')}
        </Button>
        <Button
          size="s"
          onPress={() => {
            editor.commands.focus();
            props.onDone();
          }}
        >
          {t('articles.cancel')}
        </Button>
      </div>
    </div>
  );
}

/**
 * The body's editor: a toolbar (one tab stop, arrow keys move between its buttons, each named and showing whether
 * it is on) and the text. `onChange` is given the HTML. Images are uploaded for the article `articleId`: one not
 * saved yet (none) is told to save first.
 */
export default function BodyEditor(props: {
  t: WorkspaceT;
  label: string;
  value: string;
  lang: string;
  onChange: (html: string) => void;
  error?: string;
  articleId?: number;
}) {
  const { t } = props;
  const labelId = useId();
  const errorId = useId();
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const editor = useEditor({
    extensions,
    // The page's content security policy allows no inline style: ProseMirror's own rules are in articles.css.
    injectCSS: false,
    content: props.value,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(props.error ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {}),
        lang: props.lang,
        class: 'article-editor-content prose',
      },
    },
    onUpdate: ({ editor: changed }) => onChange.current(changed.isEmpty ? '' : changed.getHTML()),
  });
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) =>
      Object.fromEntries(TOOLS.map((tool) => [tool, current ? isActive(current, tool) : false])) as Record<
        Tool,
        boolean
      >,
  });
  const [focused, setFocused] = useState(0);
  const [linking, setLinking] = useState(false);
  const [addingImage, setAddingImage] = useState(false);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = TOOLS.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? focused === last
          ? 0
          : focused + 1
        : event.key === 'ArrowLeft'
          ? focused === 0
            ? last
            : focused - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setFocused(next);
    buttons.current[next]?.focus();
  };

  return (
    <div className={`article-editor${props.error ? ' is-invalid' : ''}`}>
      <span id={labelId} className="article-editor-label">
        {props.label}
      </span>
      <div
        role="toolbar"
        aria-label={t('articles.editor.toolbar')}
        className="article-editor-toolbar"
        onKeyDown={move}
      >
        {TOOLS.map((tool, index) => (
          <button
            key={tool}
            ref={(element) => {
              buttons.current[index] = element;
            }}
            type="button"
            tabIndex={index === focused ? 0 : -1}
            aria-pressed={tool === 'image' || tool === 'link' ? undefined : (active?.[tool] ?? false)}
            aria-expanded={tool === 'link' ? linking : undefined}
            aria-haspopup={tool === 'image' ? 'dialog' : undefined}
            data-tool={tool}
            className={`article-editor-tool${active?.[tool] ? ' is-active' : ''}`}
            onFocus={() => setFocused(index)}
            onClick={() => {
              if (!editor) return;
              if (tool === 'link') setLinking(!linking);
              else if (tool === 'image') setAddingImage(true);
              else apply(editor, tool);
            }}
          >
            {GLYPHS[tool] === '' ? (
              t(`articles.editor.tools.${tool}`)
            ) : (
              // The glyph is what shows; the name is what is said (and matched by voice control's "click Bold").
              <>
                <span aria-hidden="true">{GLYPHS[tool]}</span>
                <span className="visually-hidden">{t(`articles.editor.tools.${tool}`)}</span>
              </>
            )}
          </button>
        ))}
      </div>
      {editor && linking && <LinkForm t={t} editor={editor} onDone={() => setLinking(false)} />}
      {editor && (
        <ImageUploadDialog
          t={t}
          articleId={props.articleId}
          isOpen={addingImage}
          onClose={() => setAddingImage(false)}
          // Where the text's cursor was; the focus goes back to the toolbar's button, as from any dialog.
          onInsert={(image) => {
            editor.chain().setImage(image).run();
            toastSuccess(t('articles.image.inserted'), undefined);
          }}
        />
      )}
      <EditorContent editor={editor} />
      {props.error && (
        <p id={errorId} className="form-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
