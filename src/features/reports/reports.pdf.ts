import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ImpactReport, ReportTie } from './reports.schema.ts';
import { REPORT_TEXTS, type ReportLanguage, reportDate } from './reports.texts.ts';

const packageRequire = createRequire(import.meta.url);

/**
 * Noto Sans SC (SIL Open Font Licence): Latin with å, ä and ö, Cyrillic, Vietnamese, and the CJK ideographs and kana
 * that Chinese and Japanese place names are written in. Read once, when the first PDF is made.
 */
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
const loadFonts = () => {
  fonts ??= Promise.all([
    readFile(packageRequire.resolve(FONT_FILES.regular)),
    readFile(packageRequire.resolve(FONT_FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
};

const MARGIN = 56;
const COLOUR = { text: '#1a1a1a', muted: '#555555', rule: '#cccccc', accent: '#1f4e8c' };

function money(amount: string, currency: string, language: ReportLanguage): string {
  try {
    return new Intl.NumberFormat(language === 'en' ? 'en-GB' : language, {
      style: 'currency',
      currency,
    }).format(Number(amount));
  } catch {
    return `${amount} ${currency}`;
  }
}

function tieLine(tie: ReportTie, language: ReportLanguage): string {
  const texts = REPORT_TEXTS[language];
  const parties = tie.parties.map((party) => party.name).join(' – ');
  const since = tie.age ? texts.since(reportDate(tie.age.since, language), tie.age.years) : texts.noStart;
  return `${parties}: ${texts.partnershipKinds[tie.kind]}, ${texts.statuses[tie.status]}. ${since}.`;
}

/** A tie's or an organisation's impact report as a PDF, in the report's language, with fonts for its place names. */
export async function reportPdf(report: ImpactReport): Promise<Buffer> {
  const { regular, bold } = await loadFonts();
  // Loaded on first use, like the fonts: pdfkit is large, and most processes never make a PDF.
  const { default: PDFDocument } = await import('pdfkit');
  const language = report.language;
  const texts = REPORT_TEXTS[language];
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: language,
    info: { Title: `${texts.title}: ${report.subject.name}`, Creator: 'CityBridge' },
    displayTitle: true,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor(COLOUR.accent).text(text, { width });
    doc.moveDown(0.3).font('regular').fontSize(10).fillColor(COLOUR.text);
  };
  const line = (text: string, options: { muted?: boolean; indent?: number } = {}) =>
    doc
      .font('regular')
      .fontSize(10)
      .fillColor(options.muted ? COLOUR.muted : COLOUR.text)
      .text(text, MARGIN + (options.indent ?? 0), doc.y, { width: width - (options.indent ?? 0) });
  const list = (items: readonly string[]) => {
    if (items.length === 0) line(texts.none, { muted: true });
    for (const item of items) line(`•  ${item}`, { indent: 8 });
  };

  doc
    .font('regular')
    .fontSize(10)
    .fillColor(COLOUR.muted)
    .text(report.subject.type === 'partnership' ? texts.title : texts.organizationTitle, { width });
  doc.font('bold').fontSize(20).fillColor(COLOUR.text).text(report.subject.name, { width });
  doc.moveDown(0.3);

  if (report.subject.type === 'partnership') {
    const tie = report.ties[0]!;
    line(`${texts.partnershipKinds[tie.kind]}, ${texts.statuses[tie.status]}`);
    line(tie.age ? texts.since(reportDate(tie.age.since, language), tie.age.years) : texts.noStart);
    if (tie.age) {
      const next = tie.age.nextRoundAnniversary;
      line(texts.nextAnniversary(next.years, reportDate(next.on, language)));
    }
    if (tie.renewalOn) line(texts.renewal(reportDate(tie.renewalOn, language)));
  }

  heading(texts.figures);
  const figures = report.figures;
  line(
    [
      `${texts.activities} ${figures.activities}`,
      `${texts.events} ${figures.events}`,
      `${texts.outcomes} ${figures.outcomes}`,
      `${texts.companies} ${figures.companies}`,
      `${texts.people} ${figures.people}`,
    ].join('   ·   '),
  );
  if (report.values.length > 0) {
    doc.moveDown(0.4);
    line(
      `${texts.values}: ${report.values.map((value) => money(value.amount, value.currency, language)).join(', ')}`,
    );
  }

  if (report.byYear.length > 0) {
    heading(texts.byYear);
    const columns = [texts.year, texts.activities, texts.events, texts.outcomes];
    const columnWidth = width / columns.length;
    const row = (cells: readonly (string | number)[], font: 'regular' | 'bold') => {
      const y = doc.y;
      for (const [index, cell] of cells.entries()) {
        doc
          .font(font)
          .fontSize(10)
          .fillColor(COLOUR.text)
          .text(String(cell), MARGIN + index * columnWidth, y, { width: columnWidth - 8 });
      }
      doc.x = MARGIN;
    };
    row(columns, 'bold');
    for (const year of report.byYear)
      row([year.year, year.activities, year.events, year.outcomes], 'regular');
  }

  if (report.subject.type === 'organization') {
    heading(texts.ties);
    list(report.ties.map((tie) => tieLine(tie, language)));
  }

  heading(texts.timeline);
  const kindName = (entry: ImpactReport['timeline'][number]) =>
    entry.type === 'activity'
      ? texts.activityKinds[entry.kind as keyof typeof texts.activityKinds]
      : entry.type === 'event'
        ? texts.eventKinds[entry.kind as keyof typeof texts.eventKinds]
        : texts.outcomeKinds[entry.kind as keyof typeof texts.outcomeKinds];
  list(
    report.timeline.map(
      (entry) => `${reportDate(entry.date, language)} — ${kindName(entry) ?? entry.kind}: ${entry.title}`,
    ),
  );

  heading(texts.companies);
  list(report.organizations.map((organization) => organization.name));
  heading(texts.people);
  list(report.people.map((person) => person.name));
  heading(texts.followUps);
  list(
    report.followUps.map((followUp) =>
      followUp.followUpOn
        ? `${followUp.title}: ${followUp.followUp} (${texts.due(reportDate(followUp.followUpOn, language))})`
        : `${followUp.title}: ${followUp.followUp}`,
    ),
  );
  if (!report.signedIn) {
    doc.moveDown(0.8);
    line(texts.restricted, { muted: true });
  }

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLOUR.muted)
      .text(
        `${texts.generated(reportDate(report.generatedOn, language))} · ${index + 1}/${range.count}`,
        MARGIN,
        doc.page.height - MARGIN + 16,
        { width, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
