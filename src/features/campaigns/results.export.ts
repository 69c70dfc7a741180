import type {
  CampaignDefinition,
  CampaignField,
  CampaignLanguage,
  CampaignQuestion,
  RegistryRow,
} from './campaigns.schema.ts';
import { questionsOf } from './campaigns.schema.ts';
import type { SubmittedResponse } from './results.service.ts';

/** A cell of an export: text, a number, or empty. */
export type Cell = string | number | null;

/** One table of an export: the main table (a row per member) or the rows of one group or registry table. */
export interface Sheet {
  /** The question the sheet lists the rows of; null for the main table. */
  questionKey: string | null;
  name: string;
  headers: string[];
  rows: Cell[][];
}

const WORDS = {
  fi: {
    responses: 'Vastaukset',
    organization: 'Organisaatio',
    organizationId: 'Organisaation tunniste',
    submittedAt: 'Lähetetty',
    row: 'Rivi',
    yes: 'Kyllä',
    no: 'Ei',
    partner: 'Kumppani',
    partnerId: 'Kumppanin tunniste',
    kind: 'Laji',
    status: 'Tila',
    startedOn: 'Alkanut',
    endedOn: 'Päättynyt',
    confirmed: 'Vahvistettu',
    partnershipId: 'Yhteistyösuhteen tunniste',
  },
  sv: {
    responses: 'Svar',
    organization: 'Organisation',
    organizationId: 'Organisationens id',
    submittedAt: 'Inlämnat',
    row: 'Rad',
    yes: 'Ja',
    no: 'Nej',
    partner: 'Partner',
    partnerId: 'Partnerns id',
    kind: 'Typ',
    status: 'Status',
    startedOn: 'Inledd',
    endedOn: 'Avslutad',
    confirmed: 'Bekräftad',
    partnershipId: 'Förbindelsens id',
  },
  en: {
    responses: 'Responses',
    organization: 'Organisation',
    organizationId: 'Organisation id',
    submittedAt: 'Submitted',
    row: 'Row',
    yes: 'Yes',
    no: 'No',
    partner: 'Partner',
    partnerId: 'Partner id',
    kind: 'Kind',
    status: 'Status',
    startedOn: 'Started',
    endedOn: 'Ended',
    confirmed: 'Confirmed',
    partnershipId: 'Tie id',
  },
} as const;

/** An answer as a cell: choices by their label, yes/no as words, numbers as numbers, a group by its row count. */
export function cellOf(
  question: CampaignQuestion | CampaignField,
  value: unknown,
  lang: CampaignLanguage,
): Cell {
  if (value === null || value === undefined) return null;
  const label = (key: unknown) =>
    'options' in question
      ? (question.options.find((option) => option.key === key)?.label[lang] ?? String(key))
      : String(key);
  switch (question.type) {
    case 'single_choice':
      return label(value);
    case 'multiple_choice':
      return Array.isArray(value) ? value.map(label).join('; ') : null;
    case 'yes_no':
      return value === true ? WORDS[lang].yes : value === false ? WORDS[lang].no : null;
    case 'number':
    case 'scale':
      return typeof value === 'number' ? value : null;
    case 'repeatable_group':
    case 'registry_table':
      return Array.isArray(value) ? value.length : null;
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

const tabular = (question: CampaignQuestion) =>
  question.type === 'repeatable_group' || question.type === 'registry_table';

/** The rows of one group or registry table, by member. */
function groupSheet(
  question: CampaignQuestion,
  responses: readonly SubmittedResponse[],
  lang: CampaignLanguage,
): Sheet {
  const words = WORDS[lang];
  const lead = [words.organization, words.organizationId, words.row];
  const rowsOf = (response: SubmittedResponse) => {
    const value = response.answers.get(question.key);
    return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  };
  if (question.type === 'registry_table') {
    return {
      questionKey: question.key,
      name: question.key,
      headers: [
        ...lead,
        words.partner,
        words.partnerId,
        words.kind,
        words.status,
        words.startedOn,
        words.endedOn,
        words.confirmed,
        words.partnershipId,
      ],
      rows: responses.flatMap((response) =>
        (rowsOf(response) as RegistryRow[]).map((row, index) => [
          response.name,
          response.organizationId,
          index + 1,
          row.partnerName ?? null,
          row.partnerPlaceId,
          row.kind,
          row.status,
          row.startedOn,
          row.endedOn,
          row.confirmed ? words.yes : words.no,
          row.partnershipId,
        ]),
      ),
    };
  }
  const fields = question.type === 'repeatable_group' ? question.fields : [];
  return {
    questionKey: question.key,
    name: question.key,
    headers: [...lead, ...fields.map((field) => field.label[lang])],
    rows: responses.flatMap((response) =>
      rowsOf(response).map((row, index) => [
        response.name,
        response.organizationId,
        index + 1,
        ...fields.map((field) => cellOf(field, row[field.key], lang)),
      ]),
    ),
  };
}

/**
 * The tables of a campaign's export: first one row per member that submitted and one column per question (a
 * group or registry table by its number of rows), then a table of rows for each group and registry table.
 */
export function exportSheets(
  definition: CampaignDefinition,
  responses: readonly SubmittedResponse[],
  lang: CampaignLanguage,
): Sheet[] {
  const words = WORDS[lang];
  const questions = questionsOf(definition);
  const main: Sheet = {
    questionKey: null,
    name: words.responses,
    headers: [
      words.organization,
      words.organizationId,
      words.submittedAt,
      ...questions.map((question) => question.label[lang]),
    ],
    rows: responses.map((response) => [
      response.name,
      response.organizationId,
      response.submittedAt,
      ...questions.map((question) => cellOf(question, response.answers.get(question.key), lang)),
    ]),
  };
  return [main, ...questions.filter(tabular).map((question) => groupSheet(question, responses, lang))];
}

/** A text cell that a spreadsheet would run as a formula is kept as text with a leading apostrophe. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV, UTF-8 with a byte order mark (so that spreadsheets read it as UTF-8), CRLF line ends. */
export function toCsv(sheet: Sheet): string {
  const field = (cell: Cell) => {
    if (cell === null) return '';
    const text = typeof cell === 'number' ? String(cell) : defuse(cell);
    // Quoted also when it holds a separator other spreadsheets split on (`;` in Finnish and Swedish locales, a
    // tab), so that no part of it becomes a cell of its own, and perhaps a formula.
    return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [sheet.headers, ...sheet.rows].map((row) => row.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'sheet';
  let candidate = base;
  for (let index = 2; taken.has(candidate.toLowerCase()); index += 1)
    candidate = `${base.slice(0, 28)}~${index}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** The export as an XLSX workbook: a sheet per table, headers in bold and frozen, numbers as numbers. */
export async function toXlsx(sheets: readonly Sheet[], title: string): Promise<Buffer> {
  // Loaded on first use: exceljs is large, and most processes never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CityBridge';
  workbook.title = title;
  workbook.created = new Date(0);
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    worksheet.addRow(sheet.headers).font = { bold: true };
    // Text cells are written as text, never as formulas, so they need no defusing here.
    for (const row of sheet.rows) worksheet.addRow(row);
    worksheet.columns.forEach((column, index) => {
      const widest = Math.max(
        ...[sheet.headers, ...sheet.rows].map((row) => String(row[index] ?? '').length),
      );
      column.width = Math.min(60, Math.max(10, widest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
