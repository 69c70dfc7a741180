import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  type AuditException,
  AuditUnavailableError,
  evaluateAudit,
  formatOutcome,
  parseAuditReport,
  parseExceptions,
} from '../scripts/audit-report.ts';

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));
/** `npm audit --omit=dev --json` as npm 11 prints it: a package's own advisories, one reached through a
 * dependency, and advisories of every severity. */
const report = () => readJson('test/fixtures/npm-audit/report.json');

const exception = (overrides: Partial<AuditException> = {}): AuditException => ({
  advisory: 'https://github.com/advisories/GHSA-2c3w-4v5x-6g7h',
  package: 'archive-kit',
  reason: 'bundle-tool unpacks only archives we build ourselves',
  reviewedBy: 'security@citybridge.example',
  reviewedOn: '2026-11-20',
  expires: '2027-02-20',
  ...overrides,
});

const TODAY = '2026-12-01';

describe('reading npm audit', () => {
  it('lists each advisory once, with its own severity, and not the packages that only depend on one', async () => {
    const advisories = parseAuditReport(await report());
    expect(advisories.map((advisory) => [advisory.package, advisory.id, advisory.severity])).toEqual([
      ['archive-kit', 1101001, 'high'],
      ['color-names', 1101004, 'low'],
      ['url-template', 1101002, 'critical'],
      ['url-template', 1101003, 'moderate'],
    ]);
    expect(advisories[0]).toEqual({
      id: 1101001,
      url: 'https://github.com/advisories/GHSA-2c3w-4v5x-6g7h',
      package: 'archive-kit',
      severity: 'high',
      title: 'Arbitrary file overwrite through symbolic links',
      range: '<3.2.1',
    });
    expect(parseAuditReport({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} })).toEqual([]);
  });

  it('refuses an answer without a report: an audit that could not run has checked nothing', async () => {
    // What npm audit printed on a machine whose registry does not serve the advisory database.
    const unavailable = await readJson('test/fixtures/npm-audit/endpoint-error.json');
    expect(() => parseAuditReport(unavailable)).toThrow(AuditUnavailableError);
    expect(() => parseAuditReport(unavailable)).toThrow(/405 Method Not Allowed/);
    expect(() => parseAuditReport(null)).toThrow(AuditUnavailableError);
  });
});

describe('deciding the audit', () => {
  it('blocks on high and critical advisories without an exception, and only reports the rest', async () => {
    const outcome = evaluateAudit(parseAuditReport(await report()), [], TODAY);
    expect(outcome.blocking.map((advisory) => advisory.id)).toEqual([1101001, 1101002]);
    expect(outcome.minor.map((advisory) => advisory.id)).toEqual([1101004, 1101003]);
    expect(formatOutcome(outcome)).toContain('npm audit: 2 high or critical advisories');
  });

  it('lets a current exception cover its advisory, named by URL, GHSA id or number, for its package only', async () => {
    const advisories = parseAuditReport(await report());
    for (const advisory of [
      'https://github.com/advisories/GHSA-2c3w-4v5x-6g7h',
      'ghsa-2c3w-4v5x-6g7h',
      1101001,
    ]) {
      const outcome = evaluateAudit(advisories, [exception({ advisory })], TODAY);
      expect(outcome.blocking.map((blocked) => blocked.id)).toEqual([1101002]);
      expect(outcome.excused).toEqual([{ advisory: advisories[0], exception: exception({ advisory }) }]);
    }
    const elsewhere = evaluateAudit(advisories, [exception({ package: 'bundle-tool' })], TODAY);
    expect(elsewhere.blocking.map((blocked) => blocked.id)).toEqual([1101001, 1101002]);
    expect(elsewhere.unused).toEqual([exception({ package: 'bundle-tool' })]);
  });

  it('counts an exception up to its expiry date, then lists it as expired', async () => {
    const advisories = parseAuditReport(await report());
    const lastDay = evaluateAudit(advisories, [exception({ expires: TODAY })], TODAY);
    expect(lastDay.excused).toHaveLength(1);
    expect(lastDay.expired).toEqual([]);
    const after = evaluateAudit(advisories, [exception({ expires: '2026-11-30' })], TODAY);
    expect(after.excused).toEqual([]);
    expect(after.expired).toEqual([exception({ expires: '2026-11-30' })]);
    expect(after.blocking.map((blocked) => blocked.id)).toEqual([1101001, 1101002]);
  });

  it('prints what blocks, which exceptions were used, and which are expired or unused', async () => {
    const unused = exception({ advisory: 'GHSA-jrc7-96c5-q579', package: 'maplibre-gl' });
    const expired = exception({ advisory: 1101002, package: 'url-template', expires: '2026-06-30' });
    const text = formatOutcome(
      evaluateAudit(parseAuditReport(await report()), [exception(), unused, expired], TODAY),
    );
    expect(text).toContain(
      'High or critical advisories without a current exception:\n  critical url-template <2.0.5: Code injection through expression templates (https://github.com/advisories/GHSA-8f9g-hjm2-pq3r)',
    );
    expect(text).toContain('Exceptions used:\n  high archive-kit <3.2.1');
    expect(text).toContain('bundle-tool unpacks only archives we build ourselves');
    expect(text).toContain(
      'Expired exceptions (they no longer count):\n  url-template 1101002, expires 2026-06-30',
    );
    expect(text).toContain(
      'Unused exceptions (no such advisory in the report):\n  maplibre-gl GHSA-jrc7-96c5-q579',
    );
    expect(text).toMatch(/npm audit: 1 high or critical advisories in production dependencies\.\n$/);
  });
});

describe('the exceptions file', () => {
  it('is valid as committed', async () => {
    expect(parseExceptions(await readJson('audit-exceptions.json'))).toEqual(expect.any(Array));
  });

  it('needs a reason, a reviewer, and real dates', () => {
    const { reason: _reason, ...withoutReason } = exception();
    expect(() => parseExceptions({ exceptions: [withoutReason] })).toThrow(/reason/);
    expect(() => parseExceptions({ exceptions: [exception({ expires: '2027-02-30' })] })).toThrow(/expires/);
    expect(() => parseExceptions({ exceptions: [exception({ reviewedBy: '' })] })).toThrow(/reviewedBy/);
    expect(parseExceptions({ exceptions: [exception()] })).toEqual([exception()]);
  });
});
