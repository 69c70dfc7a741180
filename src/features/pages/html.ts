/**
 * HTML for the server-rendered public pages: a tagged template that escapes every value put into it, so that a
 * record's text can only ever be text. Only `Html` values (made by the template, or by `trusted` for markup that is
 * sanitised already) go in as markup.
 */

/** Markup that is safe to put in a page as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content and for a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Markup with every interpolated value escaped (unless it is `Html`); lists are joined, nothing else is shown. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (const [index, value] of values.entries()) out += render(value) + strings[index + 1]!;
  return new Html(out);
}

/** Markup that has been sanitised already (an article's body, through its allow-list). */
export function trusted(sanitised: string): Html {
  return new Html(sanitised);
}

/** JSON-LD in a script element; `<` escaped so that no text can close the element. */
export function jsonLdScript(data: unknown): Html {
  return new Html(
    `<script type="application/ld+json">${JSON.stringify(data).replaceAll('<', '\\u003c')}</script>`,
  );
}
