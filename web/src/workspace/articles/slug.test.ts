import { describe, expect, it } from 'vitest';
import { suggestSlug } from './slug.ts';

describe('suggestSlug', () => {
  it('makes lower-case words of a–z and 0–9 joined by single hyphens', () => {
    expect(suggestSlug('Espoo ja Tallinna: yhteistyö 2026!')).toBe('espoo-ja-tallinna-yhteistyo-2026');
    expect(suggestSlug('  Åbo – Södertälje  ')).toBe('abo-sodertalje');
    expect(suggestSlug('—')).toBe('');
  });

  it('keeps within 120 characters and never ends with a hyphen', () => {
    const slug = suggestSlug(`${'a'.repeat(119)} b`);
    expect(slug.length).toBeLessThanOrEqual(120);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
