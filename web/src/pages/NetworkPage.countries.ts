/**
 * The ISO 3166-1 alpha-2 codes the browser names as regions (Intl.DisplayNames), for choosing a country: every pair
 * of letters is tried once per language, and those it does not know (answered with the code itself), the codes
 * reserved for groupings and the unknown region are left out.
 */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);
const found = new Map<string, string[]>();

export function countryCodes(language: string): string[] {
  const known = found.get(language);
  if (known) return known;
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
  const codes: string[] = [];
  for (let first = 65; first <= 90; first += 1)
    for (let second = 65; second <= 90; second += 1) {
      const code = String.fromCharCode(first, second);
      if (NOT_COUNTRIES.has(code)) continue;
      try {
        if (names.of(code) !== code) codes.push(code);
      } catch {
        // not a region code
      }
    }
  found.set(language, codes);
  return codes;
}
