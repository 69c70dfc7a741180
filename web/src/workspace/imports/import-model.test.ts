import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../api/imports.ts';
import {
  hasProblems,
  mappingKey,
  mappingProblems,
  startingMapping,
  withColumn,
  withType,
} from './import-model.ts';

const fields: ImportRecord['fields'] = {
  ties: [
    { name: 'placeA', required: true },
    { name: 'placeACountry', required: false },
    { name: 'placeB', required: true },
    { name: 'kind', required: false },
  ],
  places: [
    { name: 'name', required: true },
    { name: 'country', required: false },
  ],
};

const upload: Pick<ImportRecord, 'sheets' | 'mapping' | 'fields'> = {
  fields,
  sheets: [
    { name: 'Ties', columns: ['City', 'Country', 'Partner', 'Kind'], rowCount: 2, sample: [] },
    { name: 'Notes', columns: ['Text'], rowCount: 1, sample: [] },
  ],
  mapping: {
    sheets: [
      {
        sheet: 'Ties',
        type: 'ties',
        // A column the sheet no longer has, and a field ties do not have, are left out.
        columns: { placeA: 'City', placeB: 'Partner city', name: 'City', kind: 'Kind' },
      },
    ],
  },
};

describe('startingMapping', () => {
  it('has every sheet in the file’s order, a sheet not suggested skipped, only known fields and columns', () => {
    expect(startingMapping(upload)).toEqual({
      sheets: [
        { sheet: 'Ties', type: 'ties', columns: { placeA: 'City', kind: 'Kind' } },
        { sheet: 'Notes', type: 'skip', columns: {} },
      ],
    });
  });
});

describe('mappingProblems', () => {
  it('names the required fields without a column, per sheet', () => {
    const mapping = startingMapping(upload);
    const problems = mappingProblems(upload, mapping);
    expect([...problems.missing]).toEqual([[0, ['placeB']]]);
    expect(problems.nothingToImport).toBe(false);
    expect(hasProblems(problems)).toBe(true);

    const fixed = { sheets: [withColumn(mapping.sheets[0]!, 'placeB', 'Partner'), mapping.sheets[1]!] };
    expect(hasProblems(mappingProblems(upload, fixed))).toBe(false);
  });

  it('refuses a mapping that skips every sheet', () => {
    const mapping = {
      sheets: upload.sheets.map((sheet) => ({ sheet: sheet.name, type: 'skip' as const, columns: {} })),
    };
    expect(mappingProblems(upload, mapping)).toEqual({ missing: new Map(), nothingToImport: true });
  });
});

describe('withColumn and withType', () => {
  it('maps and unmaps a field', () => {
    const sheet = { sheet: 'Ties', type: 'ties' as const, columns: { placeA: 'City' } };
    expect(withColumn(sheet, 'placeB', 'Partner').columns).toEqual({ placeA: 'City', placeB: 'Partner' });
    expect(withColumn(sheet, 'placeA', null).columns).toEqual({});
  });

  it('keeps the columns of the fields the new type shares', () => {
    const sheet = { sheet: 'Ties', type: 'ties' as const, columns: { placeA: 'City', kind: 'Kind' } };
    expect(withType(upload, sheet, 'places')).toEqual({ sheet: 'Ties', type: 'places', columns: {} });
    expect(withType(upload, sheet, 'skip').columns).toEqual({});
  });
});

describe('mappingKey', () => {
  it('does not depend on the order of the columns', () => {
    const a = { sheets: [{ sheet: 'S', type: 'ties' as const, columns: { placeA: 'A', placeB: 'B' } }] };
    const b = { sheets: [{ sheet: 'S', type: 'ties' as const, columns: { placeB: 'B', placeA: 'A' } }] };
    expect(mappingKey(a)).toBe(mappingKey(b));
    expect(mappingKey(a)).not.toBe(mappingKey({ sheets: [{ ...a.sheets[0]!, type: 'places' }] }));
  });
});
