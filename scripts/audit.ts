/**
 * `npm run audit`: fails on high and critical advisories in production dependencies that no current reviewed
 * exception in audit-exceptions.json covers, and says which exceptions were used and which are expired or unused.
 * Without an answer from the advisory database (a registry mirror that serves no audits, no network) it says so
 * loudly and checks nothing; with AUDIT_REQUIRED=true, or `--required`, that fails too.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import {
  AuditUnavailableError,
  evaluateAudit,
  formatOutcome,
  parseAuditReport,
  parseExceptions,
} from './audit-report.ts';

const root = new URL('..', import.meta.url);
const exceptions = parseExceptions(
  JSON.parse(await readFile(new URL('audit-exceptions.json', root), 'utf8')) as unknown,
);

// npm audit exits non-zero whenever it finds anything; the JSON on stdout is what counts.
const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
if (npm.error) throw npm.error;

let report: unknown = null;
try {
  report = JSON.parse(npm.stdout);
} catch {
  // No JSON at all: parseAuditReport answers that there is no report.
}

try {
  const advisories = parseAuditReport(report);
  const outcome = evaluateAudit(advisories, exceptions, new Date().toISOString().slice(0, 10));
  process.stdout.write(formatOutcome(outcome));
  process.exitCode = outcome.blocking.length > 0 ? 1 : 0;
} catch (error) {
  if (!(error instanceof AuditUnavailableError)) throw error;
  const required = process.argv.includes('--required') || process.env.AUDIT_REQUIRED === 'true';
  process.stderr.write(`${error.message}\n${npm.stderr}`);
  process.stderr.write(
    required
      ? 'The audit is required (AUDIT_REQUIRED=true): failing.\n'
      : 'WARNING: no advisories were checked. Set AUDIT_REQUIRED=true where the registry serves audits.\n',
  );
  process.exitCode = required ? 2 : 0;
}
