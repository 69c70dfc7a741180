import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.ts';

/** A small RFC 4180 reader, to check that what toCsv writes reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += char;
  }
  return records;
}

describe('CSV (RFC 4180)', () => {
  it('separates fields with commas and ends every record with CRLF', () => {
    expect(
      toCsv([
        ['Place', 'Ties'],
        ['Espoo', 12],
      ]),
    ).toBe('Place,Ties\r\nEspoo,12\r\n');
    expect(toCsv([])).toBe('');
  });

  it('quotes fields with commas, quotes or line breaks, and doubles the quotes', () => {
    expect(csvField('Helsinki, Finland')).toBe('"Helsinki, Finland"');
    expect(csvField('the "twin" town')).toBe('"the ""twin"" town"');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvField('plain')).toBe('plain');
  });

  it('keeps letters beyond ASCII as they are', () => {
    expect(toCsv([['Jyväskylä', 'Göteborg', '上海']])).toBe('Jyväskylä,Göteborg,上海\r\n');
  });

  it('writes empty cells for missing values, numbers without grouping, dates as ISO text', () => {
    expect(toCsv([[null, undefined, '', 1234567.5, -3, true, new Date('2020-12-01T10:00:00Z')]])).toBe(
      ',,,1234567.5,-3,true,2020-12-01T10:00:00.000Z\r\n',
    );
    expect(csvField(Number.NaN)).toBe('');
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+358 9 123')).toBe("'+358 9 123");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('-')).toBe("'-");
  });

  it('reads back as the same fields, whatever the text', () => {
    const safeText = fc.string({ unit: 'grapheme' }).filter((text) => !/^[=+\-@\t\r]/.test(text));
    fc.assert(
      fc.property(
        fc.array(fc.array(safeText, { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        (records) => {
          expect(parseCsv(toCsv(records))).toEqual(records);
        },
      ),
    );
  });
});
