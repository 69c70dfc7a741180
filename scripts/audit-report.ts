/**
 * Reads `npm audit --json` and the reviewed exceptions, and decides which advisories block: pure functions, so
 * the decision is tested without the network (test/audit.test.ts). scripts/audit.ts runs npm and prints.
 */
import { z } from 'zod';
import { dateSchema } from '../src/core/schemas.ts';

/** Severities that fail the audit unless a current exception covers the advisory. */
export const BLOCKING_SEVERITIES = ['high', 'critical'] as const;

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;
type Severity = (typeof SEVERITIES)[number];

/** One advisory against one package, as npm audit names it. */
export interface Advisory {
  /** npm's advisory number (`source`). */
  id: number;
  /** The GitHub advisory, e.g. https://github.com/advisories/GHSA-xxxx-xxxx-xxxx. */
  url: string;
  package: string;
  severity: Severity;
  title: string;
  /** The vulnerable versions. */
  range: string;
}

/** npm audit answered without a report: the advisory database could not be asked, so nothing was checked. */
export class AuditUnavailableError extends Error {}

const adviceSchema = z.object({
  source: z.number().int(),
  name: z.string(),
  url: z.string(),
  title: z.string().default(''),
  severity: z.enum(SEVERITIES),
  range: z.string().default(''),
});

const reportSchema = z.object({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(
    z.string(),
    // A package's `via` lists its own advisories (objects) and the vulnerable packages it depends on (names).
    z.object({ via: z.array(z.union([z.string(), adviceSchema])) }),
  ),
});

/** The advisories in an `npm audit --json` report (format 2, npm 7 and later), each once. */
export function parseAuditReport(json: unknown): Advisory[] {
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const message =
      typeof json === 'object' && json !== null && 'message' in json ? String(json.message) : 'no report';
    throw new AuditUnavailableError(`npm audit gave no report: ${message}`);
  }
  const advisories = new Map<string, Advisory>();
  for (const { via } of Object.values(parsed.data.vulnerabilities)) {
    for (const advice of via) {
      if (typeof advice === 'string') continue;
      advisories.set(`${advice.source}:${advice.name}`, {
        id: advice.source,
        url: advice.url,
        package: advice.name,
        severity: advice.severity,
        title: advice.title,
        range: advice.range,
      });
    }
  }
  return [...advisories.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id - b.id);
}

const exceptionSchema = z.strictObject({
  advisory: z
    .union([z.number().int().positive(), z.string().min(1)])
    .describe('npm’s advisory number, the GHSA id, or the advisory’s URL'),
  package: z.string().min(1).describe('The package the advisory is about'),
  reason: z.string().min(1).describe('Why the advisory does not reach this project, or why it must wait'),
  reviewedBy: z.string().min(1).describe('Who reviewed it'),
  reviewedOn: dateSchema.describe('When it was reviewed'),
  expires: dateSchema.describe('The last day the exception counts; after it the advisory blocks again'),
});
export type AuditException = z.infer<typeof exceptionSchema>;

const exceptionsFileSchema = z.strictObject({ exceptions: z.array(exceptionSchema) });

/** The reviewed exceptions of audit-exceptions.json; a malformed file is an error, not an empty list. */
export function parseExceptions(json: unknown): AuditException[] {
  const parsed = exceptionsFileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`audit-exceptions.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data.exceptions;
}

const ghsaOf = (text: string) => /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(text)?.[0].toUpperCase();

/** Whether an exception names this advisory (by number, GHSA id or URL) and its package. */
export function covers(exception: AuditException, advisory: Advisory): boolean {
  if (exception.package !== advisory.package) return false;
  const named = String(exception.advisory).trim();
  if (/^\d+$/.test(named)) return Number(named) === advisory.id;
  const ghsa = ghsaOf(named);
  return ghsa !== undefined && ghsa === ghsaOf(advisory.url);
}

export interface AuditOutcome {
  /** High and critical advisories no current exception covers: the audit fails while there are any. */
  blocking: Advisory[];
  /** High and critical advisories a current exception covers. */
  excused: { advisory: Advisory; exception: AuditException }[];
  /** Advisories below high, reported but not blocking. */
  minor: Advisory[];
  /** Exceptions past their expiry date: they cover nothing. */
  expired: AuditException[];
  /** Current exceptions that cover no advisory in the report: the advisory is gone, or the entry is wrong. */
  unused: AuditException[];
}

/** Decides the audit on `today` (YYYY-MM-DD): an exception counts up to and including its expiry date. */
export function evaluateAudit(
  advisories: readonly Advisory[],
  exceptions: readonly AuditException[],
  today: string,
): AuditOutcome {
  const current = exceptions.filter((exception) => exception.expires >= today);
  const used = new Set<AuditException>();
  const outcome: AuditOutcome = {
    blocking: [],
    excused: [],
    minor: [],
    expired: exceptions.filter((exception) => exception.expires < today),
    unused: [],
  };
  for (const advisory of advisories) {
    if (!(BLOCKING_SEVERITIES as readonly string[]).includes(advisory.severity)) {
      outcome.minor.push(advisory);
      continue;
    }
    const exception = current.find((candidate) => covers(candidate, advisory));
    if (exception) {
      used.add(exception);
      outcome.excused.push({ advisory, exception });
    } else {
      outcome.blocking.push(advisory);
    }
  }
  outcome.unused = current.filter((exception) => !used.has(exception));
  return outcome;
}

const describeAdvisory = (advisory: Advisory) =>
  `${advisory.severity} ${advisory.package} ${advisory.range}: ${advisory.title} (${advisory.url})`;

const describeException = (exception: AuditException) =>
  `${exception.package} ${exception.advisory}, expires ${exception.expires} (reviewed by ${exception.reviewedBy} on ${exception.reviewedOn})`;

/** The audit's report, as printed: what blocks, which exceptions were used, and which are expired or unused. */
export function formatOutcome(outcome: AuditOutcome): string {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.map((item) => `  ${item}`));
  };
  section('High or critical advisories without a current exception', outcome.blocking.map(describeAdvisory));
  section(
    'Exceptions used',
    outcome.excused.map(
      ({ advisory, exception }) =>
        `${describeAdvisory(advisory)}\n    ${exception.reason}; ${describeException(exception)}`,
    ),
  );
  section('Expired exceptions (they no longer count)', outcome.expired.map(describeException));
  section('Unused exceptions (no such advisory in the report)', outcome.unused.map(describeException));
  section('Advisories below high (not blocking)', outcome.minor.map(describeAdvisory));
  lines.push(
    outcome.blocking.length > 0
      ? `npm audit: ${outcome.blocking.length} high or critical advisories in production dependencies.`
      : 'npm audit: no high or critical advisories in production dependencies without a reviewed exception.',
  );
  return `${lines.join('\n')}\n`;
}
