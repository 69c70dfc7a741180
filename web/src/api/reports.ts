/** Impact reports of a tie or an organisation, in a language, and where their PDFs are. */
import { useQuery } from '@tanstack/react-query';
import type { ImpactReport } from '../../../src/contract.ts';
import { getJson } from './client.ts';

export type { ImpactReport, ReportTie, TimelineEntry } from '../../../src/contract.ts';

export type ReportSubject = 'partnerships' | 'organizations';

export const reportPath = (subject: ReportSubject, id: number) => `/api/${subject}/${id}/report`;

/** The PDF of the report, in the language. */
export const reportPdfUrl = (subject: ReportSubject, id: number, language: string) =>
  `${reportPath(subject, id)}.pdf?lang=${encodeURIComponent(language)}`;

export const useImpactReport = (subject: ReportSubject, id: number, language: string) =>
  useQuery({
    queryKey: ['reports', subject, id, language],
    queryFn: ({ signal }) => getJson<ImpactReport>(reportPath(subject, id), { lang: language }, signal),
  });
