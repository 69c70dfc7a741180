/**
 * An address suggested from a title: lower-case words of a–z and 0–9 joined by hyphens, as the API takes them
 * ("Espoo ja Tallinna: yhteistyö" → "espoo-ja-tallinna-yhteistyo").
 */
export function suggestSlug(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}
