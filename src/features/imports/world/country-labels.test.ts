import { describe, expect, it } from 'vitest';
import { resolveCountryLabel } from './country-labels.ts';

describe('resolveCountryLabel', () => {
  it.each([
    ['Finland', 'FI'],
    ['England', 'GB'],
    ['England, United Kingdom', 'GB'],
    ['Scotland, United Kingdom', 'GB'],
    ['Georgia (country)', 'GE'],
    ['Åland Islands, Finland', 'AX'],
    ['Réunion, France', 'RE'],
    ['New York, United States', 'US'],
    ['Moldavia', 'MD'],
    ['Grece', 'GR'],
    ['Kazakhstah', 'KZ'],
    ['Antigua and Barbuda', 'AG'],
    ['Saint Vincent and the Grenadines', 'VC'],
    ['Democratic Republic of the Congo', 'CD'],
    ['France', 'FR'],
    ['Benin', 'BJ'],
    ['Germany', 'DE'],
    ['Kosovo', 'XK'],
    ['Northern Cyprus', 'XC'],
  ])('%s → %s', (label, code) => {
    expect(resolveCountryLabel(label)).toBe(code);
  });

  it.each([[''], ['Atlantis'], ['European Union']])('leaves "%s" unresolved', (label) => {
    expect(resolveCountryLabel(label)).toBeUndefined();
  });
});
